namespace Honk.Tools.Tests.Commands;

[Collection(Honk.Tools.Tests.Support.ProcessEnvironmentCollection.Name)]
public sealed class SandboxedCommandRunnerTests : IDisposable
{
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_CommandInWorkspace_ReturnsExitCodeAndOutput()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(CommandRequest.Shell("echo hello; pwd; exit 3"), TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"hello\n{_workspace.Path}", result.Output);
        Assert.False(result.TimedOut);
        Assert.False(result.OutputTruncated);
    }

    [Fact]
    public async Task RunAsync_StdoutAndStderr_KeepsArrivalOrder()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(
            CommandRequest.Shell("echo one; echo two >&2; echo three; echo four >&2"), TestContext.Current.CancellationToken);

        Assert.Equal("one\ntwo\nthree\nfour", result.Output);
    }

    [Fact]
    public async Task RunAsync_WriteInsideWorkspace_PersistsOnHost()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(CommandRequest.Shell("mkdir -p out && echo built > out/artifact.txt"), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("built\n", await File.ReadAllTextAsync(_workspace.Combine("out/artifact.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_WorkingDirectoryInsideWorkspace_RunsThere()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        Directory.CreateDirectory(_workspace.Combine("src/app"));
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(new CommandRequest("pwd", []) { WorkingDirectory = "src/app" }, TestContext.Current.CancellationToken);

        Assert.Equal(_workspace.Combine("src/app"), result.Output);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../..")]
    [InlineData("/etc")]
    [InlineData("escape")]
    public async Task RunAsync_WorkingDirectoryOutsideWorkspace_Refused(string workingDirectory)
    {
        using var outside = new TempDirectory("honk-outside-");
        File.CreateSymbolicLink(_workspace.Combine("escape"), outside.Path);
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: true));

        var error = await Assert.ThrowsAsync<ToolException>(() => runner.RunAsync(
            new CommandRequest("pwd", []) { WorkingDirectory = workingDirectory }, TestContext.Current.CancellationToken));

        Assert.Contains("outside", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectoryIsFile_Refused()
    {
        await File.WriteAllTextAsync(_workspace.Combine("notes.txt"), "x", TestContext.Current.CancellationToken);
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: true));

        var error = await Assert.ThrowsAsync<ToolException>(() => runner.RunAsync(
            new CommandRequest("pwd", []) { WorkingDirectory = "notes.txt" }, TestContext.Current.CancellationToken));

        Assert.Contains("not a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutputOverCap_KeepsHeadAndTailWithMarker()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path, new SandboxOptions { MaxOutputLines = 10 });

        var result = await runner.RunAsync(new CommandRequest("seq", ["1", "1000"]), TestContext.Current.CancellationToken);

        Assert.True(result.OutputTruncated);
        Assert.Equal("1\n2\n3\n4\n5\n[... 990 lines omitted ...]\n996\n997\n998\n999\n1000", result.Output);
    }

    [Fact]
    public async Task RunAsync_BubblewrapMissing_RefusesWithClearMessage()
    {
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: false));

        var error = await Assert.ThrowsAsync<SandboxUnavailableException>(() => runner.RunAsync(
            CommandRequest.Shell("touch ran.txt"), TestContext.Current.CancellationToken));

        Assert.Contains("bubblewrap", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowUnsandboxed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Combine("ran.txt")));
    }

    [Fact]
    public async Task RunAsync_BubblewrapMissingButUnsandboxedAllowed_RunsWithLoudWarning()
    {
        var secretName = "HONK_TEST_UNSANDBOXED_SECRET_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(secretName, "leaked-value");
        try
        {
            var runner = new SandboxedCommandRunner(_workspace.Path, SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: true));

            var result = await runner.RunAsync(CommandRequest.Shell("touch ran.txt; env; echo HOME=$HOME"), TestContext.Current.CancellationToken);

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("[honk] WARNING: this command ran WITHOUT a sandbox", result.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(_workspace.Combine("ran.txt")));
            Assert.DoesNotContain("leaked-value", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"HOME={Environment.GetEnvironmentVariable("HOME")}\n", result.Output + "\n", StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretName, null);
        }
    }

    [Fact]
    public async Task RunAsync_UnsandboxedTimeout_KillsTree()
    {
        var marker = SandboxTestSupport.NewMarker();
        var runner = new SandboxedCommandRunner(_workspace.Path, SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: true));

        var result = await runner.RunAsync(
            CommandRequest.Shell($"sleep 300 & sleep 300 & wait # {marker}") with { Timeout = TimeSpan.FromSeconds(1) },
            TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.Empty(await SandboxTestSupport.LeftoverProcessesAsync(marker));
    }

    [Fact]
    public async Task RunAsync_RequestEnvironment_IsPassed()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var options = new SandboxOptions();
        options.Environment["FROM_OPTIONS"] = "opt";
        var runner = new SandboxedCommandRunner(_workspace.Path, options);
        var request = CommandRequest.Shell("echo $FROM_OPTIONS $FROM_REQUEST $CI $HOME $TMPDIR") with
        {
            Environment = new Dictionary<string, string> { ["FROM_REQUEST"] = "req" },
        };

        var result = await runner.RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("opt req true /tmp/home /tmp", result.Output);
    }

    [Fact]
    public async Task RunAsync_ProgramNotFound_ReportsExitCode()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path);

        var result = await runner.RunAsync(new CommandRequest("honk-no-such-program", []), TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("honk-no-such-program", result.Output, StringComparison.Ordinal);
    }
}
