namespace Honk.Tools.Tests.Commands;

public sealed class BuiltInToolsRegistrationTests
{
    [Fact]
    public void Create_Default_IncludesRunCommandAndGit()
    {
        var names = BuiltInTools.Create().Select(t => t.Name).ToList();

        Assert.Contains("run_command", names);
        Assert.Contains("git", names);
    }

    [Fact]
    public async Task Create_WithRunCommandOptions_PassesThemToTheTool()
    {
        using var folder = new TempDirectory();
        var options = new BuiltInToolsOptions();
        options.RunCommand.AllowedPrograms.Clear();
        options.RunCommand.AllowedPrograms.Add("make");
        var tool = BuiltInTools.Create(options).Single(t => t.Name == "run_command");
        var runner = new RecordingCommandRunner(new CommandResult(0, "", TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<ToolException>(() => new TestWorkspace(folder.Path).InvokeAsync(tool, new { command = "ls" }, runner));

        Assert.Contains("Allowed programs: make.", error.Message, StringComparison.Ordinal);
    }
}
