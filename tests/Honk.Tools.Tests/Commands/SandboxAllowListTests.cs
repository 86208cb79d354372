namespace Honk.Tools.Tests.Commands;

/// <summary>The sandbox mounts an allow-list: what a model's command can see and change of the host.</summary>
[Trait("Category", "Security")]
public sealed class SandboxAllowListTests : IDisposable
{
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_AsHostRoot_RunsAsUnprivilegedUserWithoutCapabilities()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create());

        var result = await runner.RunAsync(CommandRequest.Shell("id -u; id -g; grep CapEff /proc/self/status; echo hi > mine.txt; echo $HOME"), TestContext.Current.CancellationToken);

        var lines = result.Output.Split('\n');
        Assert.Equal(0, result.ExitCode);
        Assert.NotEqual("0", lines[0]);
        Assert.NotEqual("0", lines[1]);
        Assert.Equal("CapEff:\t0000000000000000", lines[2]);
        Assert.Equal("/tmp/home", lines[3]);
        Assert.True(File.Exists(_workspace.Combine("mine.txt")), "the unprivileged user cannot write its workspace");
    }

    [Fact]
    public async Task RunAsync_EtcSecretFiles_NotReadable()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create());
        var secrets = new[] { "/etc/shadow", "/etc/gshadow", "/etc/sudoers" }.Where(File.Exists).ToList();
        if (secrets.Count == 0)
        {
            Assert.Skip("this host has none of /etc/shadow, /etc/gshadow, /etc/sudoers");
        }

        var result = await runner.RunAsync(
            CommandRequest.Shell($"cat {string.Join(' ', secrets)} 2>/dev/null | wc -c; cat /etc/ssh/ssh_host_*_key 2>/dev/null | wc -c; test -r /etc/hostname && echo etc-readable"),
            TestContext.Current.CancellationToken);

        Assert.StartsWith("0\n0\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("etc-readable", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OtherSourceTrees_NotVisible()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        using var sibling = new TempDirectory("honk-other-tree-", Path.GetDirectoryName(_workspace.Path));
        using var elsewhere = new TempDirectory("honk-other-tree-", "/var/tmp");
        await File.WriteAllTextAsync(sibling.Combine("secret.cs"), "SIBLING-SOURCE", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(elsewhere.Combine("secret.cs"), "OTHER-SOURCE", TestContext.Current.CancellationToken);
        var options = SandboxDefaults.Create();
        var runner = new SandboxedCommandRunner(_workspace.Path, options);
        // A probe that holds the workspace (TMPDIR under /work) exists in the sandbox: the workspace is mounted below it.
        var probes = new[] { "/work", "/srv", "/var/lib", "/run", "/opt/skills", "/boot", "/mnt" }.Where(p => !HostPaths.IsSameOrInside(_workspace.Path, p));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var result = await runner.RunAsync(
            CommandRequest.Shell($"cat {sibling.Combine("secret.cs")} {elsewhere.Combine("secret.cs")}; for d in {string.Join(' ', probes)}; do test -e $d && echo \"$d exists\"; done; ls -A {home} 2>/dev/null | sed 's/^/home: /'; true"),
            TestContext.Current.CancellationToken);

        Assert.DoesNotContain("SIBLING-SOURCE", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OTHER-SOURCE", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" exists", result.Output, StringComparison.Ordinal);

        // The home folder shows only the mount points of toolchains that live in it (~/.cargo, ~/.rustup, ~/.nuget/packages).
        var visible = result.Output.Split('\n').Where(l => l.StartsWith("home: ", StringComparison.Ordinal)).Select(l => Path.Combine(home, l["home: ".Length..]));
        Assert.All(visible, entry => Assert.Contains(options.ReadOnlyPaths.Concat(options.ReadWritePaths), p => HostPaths.IsSameOrInside(p, entry)));
    }

    [Fact]
    public async Task RunAsync_WritesToToolchainCaches_NeverReachHost()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var cargoBin = Directory.CreateDirectory(home.Combine(".cargo/bin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(cargoBin, "cargo"), "#!/bin/sh\necho real cargo\n", TestContext.Current.CancellationToken);
        var packageBuild = Directory.CreateDirectory(home.Combine("nuget/some.package/1.0.0/build")).FullName;
        using var otherTree = new TempDirectory("honk-other-tree-", "/var/tmp");
        var folders = ToolchainFolders.Discover(name => name switch
        {
            "HOME" => home.Path,
            "NUGET_PACKAGES" => home.Combine("nuget"),
            "PATH" => cargoBin + ":/usr/bin:/bin",
            _ => null,
        });
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.CreateFor(folders));
        var marker = "honk-poison-" + Guid.NewGuid().ToString("N")[..8];
        var targets = new[]
        {
            Path.Combine(cargoBin, marker), Path.Combine(packageBuild, marker + ".targets"), Path.Combine(otherTree.Path, marker),
            "/etc/" + marker, "/usr/" + marker, "/usr/local/bin/" + marker,
        };
        var realCaches = ToolchainFolders.Host.NuGetPackageFolders.Concat(ToolchainFolders.Host.PackageCaches).Concat(ToolchainFolders.Host.Toolchains)
            .Select(folder => Path.Combine(folder, marker)).ToList();

        var script = string.Join("; ", targets.Concat(realCaches).Select(t => $"echo pwned > {t}"))
            + $"; echo pwned >> {cargoBin}/cargo; rm -f {cargoBin}/cargo; echo done";
        var result = await runner.RunAsync(CommandRequest.Shell(script), TestContext.Current.CancellationToken);
        var real = await new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create()).RunAsync(
            CommandRequest.Shell(string.Join("; ", realCaches.Select(t => $"echo pwned > {t}")) + "; echo done"), TestContext.Current.CancellationToken);

        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.Contains("done", real.Output, StringComparison.Ordinal);
        try
        {
            foreach (var target in targets.Concat(realCaches))
            {
                Assert.False(File.Exists(target), $"a sandboxed command wrote {target} on the host");
            }

            Assert.Equal("#!/bin/sh\necho real cargo\n", await File.ReadAllTextAsync(Path.Combine(cargoBin, "cargo"), TestContext.Current.CancellationToken));
        }
        finally
        {
            foreach (var target in targets.Concat(realCaches).Where(File.Exists))
            {
                File.Delete(target);
            }
        }
    }

    [Fact]
    public async Task RunAsync_SessionCache_WritableAcrossCommandsAndGoneAfterDispose()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var options = new SandboxOptions();
        options.SessionCacheVariables.Add("NUGET_PACKAGES");
        var runner = new SandboxedCommandRunner(_workspace.Path, options);

        var restored = "restored-" + Guid.NewGuid().ToString("N");
        var write = await runner.RunAsync(CommandRequest.Shell($"mkdir -p $NUGET_PACKAGES/pkg && echo {restored} > $NUGET_PACKAGES/pkg/file && echo $NUGET_PACKAGES"), TestContext.Current.CancellationToken);
        var read = await runner.RunAsync(CommandRequest.Shell("cat $NUGET_PACKAGES/pkg/file"), TestContext.Current.CancellationToken);
        var other = await new SandboxedCommandRunner(_workspace.Path, options).RunAsync(CommandRequest.Shell("cat $NUGET_PACKAGES/pkg/file"), TestContext.Current.CancellationToken);
        runner.Dispose();

        Assert.Equal(0, write.ExitCode);
        Assert.Equal(restored, read.Output);
        Assert.NotEqual(0, other.ExitCode);
        // The caches' parent is shared with every other sandboxed run on the machine: their files come and go meanwhile.
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(Path.GetTempPath(), "honk-session-caches"), "file", SearchOption.AllDirectories),
            f => ReadIfStillThere(f) == restored + "\n");
    }

    [Fact]
    public async Task RunAsync_HiddenPathInsideWorkspace_NotVisible()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        Directory.CreateDirectory(_workspace.Combine(".honk-state"));
        await File.WriteAllTextAsync(_workspace.Combine(".honk-state/signing.key"), "SIGNING-KEY", TestContext.Current.CancellationToken);
        var options = new SandboxOptions();
        options.HiddenPaths.Add(_workspace.Combine(".honk-state"));
        var runner = new SandboxedCommandRunner(_workspace.Path, options);

        var result = await runner.RunAsync(CommandRequest.Shell("cat .honk-state/signing.key; echo visible > seen.txt"), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("SIGNING-KEY", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_workspace.Combine("seen.txt")));
    }

    private static string? ReadIfStillThere(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
