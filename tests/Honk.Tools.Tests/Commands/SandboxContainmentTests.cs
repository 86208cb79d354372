using System.Net;
using System.Net.Sockets;

namespace Honk.Tools.Tests.Commands;

/// <summary>What a hostile command tries, and the sandbox stops.</summary>
[Trait("Category", "Security")]
[Collection(Honk.Tools.Tests.Support.ProcessEnvironmentCollection.Name)]
public sealed class SandboxContainmentTests : IDisposable
{
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_WriteOutsideWorkspace_NothingReachesHost()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var name = "honk-escape-" + Guid.NewGuid().ToString("N")[..12];
        var hostHome = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var targets = new[] { $"/root/{name}", $"/tmp/{name}", $"/etc/{name}", $"/usr/{name}", $"{hostHome}/.ssh/{name}", $"{Path.GetDirectoryName(_workspace.Path)}/{name}" };
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var script = string.Join("; ", targets.Select(t => $"mkdir -p $(dirname {t}) 2>/dev/null; echo pwned > {t}")) + "; echo pwned > $HOME/.bashrc";
        await runner.RunAsync(CommandRequest.Shell(script), TestContext.Current.CancellationToken);

        foreach (var target in targets)
        {
            Assert.False(File.Exists(target), $"the sandbox wrote {target} on the host");
        }

        Assert.Empty(Directory.GetFiles(_workspace.Path));
    }

    [Fact]
    public async Task RunAsync_HostEnvironmentSecret_NotVisible()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var name = "HONK_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8];
        var value = "s3cret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            var runner = new SandboxedCommandRunner(_workspace.Path);

            var result = await runner.RunAsync(
                CommandRequest.Shell("env; for f in /proc/*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null"), TestContext.Current.CancellationToken);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("PATH=", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(value, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(name, result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task RunAsync_SecretFileInHiddenFolderBelowVisibleFolder_NotReadable()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        // Outside /tmp, which the sandbox replaces anyway; a visible "toolchain" folder with a secret folder inside.
        using var toolchain = new TempDirectory("honk-toolchain-", "/var/tmp");
        var secrets = Directory.CreateDirectory(toolchain.Combine("secrets")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "id_rsa"), "PRIVATE-KEY-MATERIAL", TestContext.Current.CancellationToken);
        var visible = new SandboxOptions();
        visible.ReadOnlyPaths.Add(toolchain.Path);
        var exposed = new SandboxedCommandRunner(_workspace.Path, visible);
        var options = new SandboxOptions();
        options.ReadOnlyPaths.Add(toolchain.Path);
        options.HiddenPaths.Add(secrets);
        var hidden = new SandboxedCommandRunner(_workspace.Path, options);
        var read = CommandRequest.Shell($"cat {secrets}/id_rsa; ls -A {secrets}");

        var control = await exposed.RunAsync(read, TestContext.Current.CancellationToken);
        var result = await hidden.RunAsync(read, TestContext.Current.CancellationToken);

        Assert.Contains("PRIVATE-KEY-MATERIAL", control.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-KEY-MATERIAL", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("id_rsa\n", result.Output + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostHomeFolder_NotVisible()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var hostHome = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(hostHome) || !Directory.Exists(hostHome) || HostPaths.IsSameOrInside(_workspace.Path, hostHome))
        {
            Assert.Skip("the host has no separate home folder to hide");
        }

        var secret = Path.Combine(hostHome, ".honk-test-secret-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(secret, "token", TestContext.Current.CancellationToken);
        try
        {
            // The host's defaults show toolchains that live in the home folder, never the home folder itself.
            var runner = new SandboxedCommandRunner(_workspace.Path, SandboxDefaults.Create());

            var result = await runner.RunAsync(CommandRequest.Shell($"ls -A {hostHome} 2>/dev/null | grep -c honk-test-secret; cat {secret}"), TestContext.Current.CancellationToken);

            Assert.StartsWith("0\n", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("token", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task RunAsync_NetworkSocketToHostListener_Fails()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var runner = new SandboxedCommandRunner(_workspace.Path);
        var connect = new CommandRequest("/bin/bash", ["-c", $"echo hello > /dev/tcp/127.0.0.1/{port} && echo CONNECTED"]);

        var blocked = await runner.RunAsync(connect, TestContext.Current.CancellationToken);
        var allowed = await runner.RunAsync(connect with { AllowNetwork = true }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, blocked.ExitCode);
        Assert.DoesNotContain("CONNECTED", blocked.Output, StringComparison.Ordinal);
        Assert.Contains("CONNECTED", allowed.Output, StringComparison.Ordinal);
        using var accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        Assert.False(listener.Pending(), "a second connection arrived: the sandboxed attempt reached the host");
    }

    [Fact]
    public async Task RunAsync_ForkBomb_ContainedAndEndedByTimeLimit()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var marker = SandboxTestSupport.NewMarker();
        var runner = new SandboxedCommandRunner(_workspace.Path, new SandboxOptions { MaxProcesses = 64 });

        var result = await runner.RunAsync(
            new CommandRequest("/bin/bash", ["-c", $"# {marker}\nbomb() {{ bomb | bomb & }}; bomb; sleep 60"]) { Timeout = TimeSpan.FromSeconds(3) },
            TestContext.Current.CancellationToken);

        // No bound on the duration (the machine may be very busy): the time limit fired and nothing survived it.
        Assert.True(result.TimedOut, result.Output);
        Assert.Empty(await SandboxTestSupport.LeftoverProcessesAsync(marker));
    }

    [Fact]
    public async Task RunAsync_ManyForks_StopAtProcessLimit()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var marker = SandboxTestSupport.NewMarker();
        var runner = new SandboxedCommandRunner(_workspace.Path, new SandboxOptions { MaxProcesses = 40 });

        var result = await runner.RunAsync(
            new CommandRequest("/bin/bash", ["-c", $"# {marker}\nn=0; for i in $(seq 1 200); do sleep 30 & n=$((n+1)); done; echo started $n"]) { Timeout = TimeSpan.FromSeconds(3) },
            TestContext.Current.CancellationToken);

        Assert.Contains("Resource temporarily unavailable", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("started 200", result.Output, StringComparison.Ordinal);
        Assert.Empty(await SandboxTestSupport.LeftoverProcessesAsync(marker));
    }

    [Fact]
    public async Task RunAsync_CommandOutlivesTimeout_KilledWithChildren()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var marker = SandboxTestSupport.NewMarker();
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(
            new CommandRequest("/bin/bash", ["-c", $"# {marker}\necho started; sleep 300 & setsid sleep 300 & (trap '' TERM; sleep 300) & wait"]) { Timeout = TimeSpan.FromSeconds(1) },
            TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.StartsWith("started\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("time limit of 1 s exceeded", result.Output, StringComparison.Ordinal);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"took {result.Duration}");
        Assert.Empty(await SandboxTestSupport.LeftoverProcessesAsync(marker));
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_ThrowsAndKillsTree()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var marker = SandboxTestSupport.NewMarker();
        var runner = new SandboxedCommandRunner(_workspace.Path);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(
            new CommandRequest("/bin/bash", ["-c", $"# {marker}\nsleep 300 & sleep 300"]), cancellation.Token));

        Assert.Empty(await SandboxTestSupport.LeftoverProcessesAsync(marker));
    }

    [Fact]
    public async Task RunAsync_GitInternals_ReadOnlyInsideSandbox()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        Git.GitRepository.Git(_workspace.Path, "init", "-q");
        var config = _workspace.Combine(".git/config");
        var before = await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken);
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(
            CommandRequest.Shell("printf '[core]\\n\\tfsmonitor = touch /tmp/x\\n' >> .git/config; touch .git/hooks/evil; rm -rf .git; echo src > ok.txt"),
            TestContext.Current.CancellationToken);

        Assert.Equal(before, await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(_workspace.Combine(".git/hooks/evil")));
        Assert.True(File.Exists(_workspace.Combine("ok.txt")), result.Output);
    }
}
