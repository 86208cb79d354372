namespace Honk.Tools.Tests.Commands;

public sealed class RunCommandToolTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly TestWorkspace _workspace;

    public RunCommandToolTests() => _workspace = new TestWorkspace(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Metadata_NameSchemaAndTraits_AreFixed()
    {
        var tool = new RunCommandTool();

        Assert.Equal("run_command", tool.Name);
        Assert.False(tool.IsReadOnly());
        Assert.Equal("command", tool.JsonSchema.GetProperty("required")[0].GetString());
        Assert.Contains("dotnet", tool.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_AllowedCommand_RunsInSandboxAndReportsExitCode()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();

        var result = await _workspace.InvokeAsync(new RunCommandTool(), new { command = "echo built > out.txt && cat out.txt; false" });

        Assert.StartsWith("exit code 1 (", result, StringComparison.Ordinal);
        Assert.EndsWith("\nbuilt", result, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.Combine("out.txt")));
    }

    [Fact]
    public async Task Invoke_NoOutput_SaysSo()
    {
        var runner = new RecordingCommandRunner(new CommandResult(0, "", TimeSpan.FromMilliseconds(5)));

        var result = await _workspace.InvokeAsync(new RunCommandTool(), new { command = "true" }, runner);

        Assert.Equal("exit code 0 (5 ms)\n(no output)", result);
    }

    [Fact]
    public async Task Invoke_TimeLimit_ComesFromOptionsNotModel()
    {
        var runner = new RecordingCommandRunner(new CommandResult(0, "ok", TimeSpan.FromSeconds(1)));
        var tool = new RunCommandTool(new RunCommandOptions { Timeout = TimeSpan.FromSeconds(42), Shell = "/bin/sh" });

        await _workspace.InvokeAsync(tool, new { command = "make test" }, runner);

        var request = Assert.Single(runner.Requests);
        Assert.Equal(TimeSpan.FromSeconds(42), request.Timeout);
        Assert.Equal("/bin/sh", request.FileName);
        Assert.Equal(["-c", "make test"], request.Arguments);
        Assert.False(request.AllowNetwork);
    }

    [Fact]
    public async Task Invoke_CommandOverTimeLimit_ReportsKill()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var tool = new RunCommandTool(new RunCommandOptions { Timeout = TimeSpan.FromSeconds(1) });

        var result = await _workspace.InvokeAsync(tool, new { command = "echo start; sleep 30" });

        Assert.StartsWith("timed out after 1 s", result, StringComparison.Ordinal);
        Assert.Contains("start", result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("curl http://example.com")]
    [InlineData("sudo ls")]
    [InlineData("git push")]
    [InlineData("ls $(curl http://x)")]
    public async Task Invoke_ForbiddenCommand_RefusedWithoutRunning(string command)
    {
        var runner = new RecordingCommandRunner(new CommandResult(0, "", TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<ToolException>(() => _workspace.InvokeAsync(new RunCommandTool(), new { command }, runner));

        Assert.Contains("Allowed programs:", error.Message, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Invoke_EmptyCommand_Refused()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => _workspace.InvokeAsync(new RunCommandTool(), new { command = "  " }));

        Assert.Contains("needs a command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NoSandboxAndNoOptOut_RefusedWithReason()
    {
        var tool = new RunCommandTool(new RunCommandOptions { Sandbox = SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: false) });

        var error = await Assert.ThrowsAsync<ToolException>(() => _workspace.InvokeAsync(tool, new { command = "touch x" }));

        Assert.Contains("unavailable", error.Message, StringComparison.Ordinal);
        Assert.Contains("bubblewrap", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("x")));
    }

    [Fact]
    public async Task Invoke_NoSandboxWithOptOut_RunsWithWarning()
    {
        var tool = new RunCommandTool(new RunCommandOptions { Sandbox = SandboxTestSupport.WithoutBubblewrap(allowUnsandboxed: true) });

        var result = await _workspace.InvokeAsync(tool, new { command = "echo hi" });

        Assert.Contains("WARNING: this command ran WITHOUT a sandbox", result, StringComparison.Ordinal);
        Assert.EndsWith("hi", result, StringComparison.Ordinal);
    }
}
