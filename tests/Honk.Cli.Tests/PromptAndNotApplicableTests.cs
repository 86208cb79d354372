using Honk.Testing;

namespace Honk.Cli.Tests;

public sealed class PromptAndNotApplicableTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(
            new Dictionary<string, string>
            {
                ["AGENTS.md"] = "# Agents\n\nAlways run `npm test` before finishing; never touch generated/.\n",
                ["src/app.js"] = "export const app = 1;\n",
            },
            "app",
            TestContext.Current.CancellationToken);
        _folder.WriteFile("task.md", """
            ---
            title: Migrate FooClient
            preconditions:
              - The repository references FooClient 1.x.
            examples:
              - "new FooClient(url) becomes FooClient.Create(url)"
            done: No reference to FooClient 1.x remains.
            ---
            Every project uses FooClient 2.x.
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Prompt_ShowsEndStatePreconditionsExamplesAndAgentsMd()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "prompt", "--repo", _repo.Path, "--task-file", "task.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Every project uses FooClient 2.x.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("The repository references FooClient 1.x.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FooClient.Create(url)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("never touch generated/", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_AgentsMdWithTerminalEscapes_PrintsThemAsVisibleText()
    {
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["AGENTS.md"] = "# Agents\n\u001b]0;pwned\u0007 clear \u001b[2J\n" }, "escapes", TestContext.Current.CancellationToken);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "prompt", "--repo", _repo.Path, "--task-file", "task.md");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.Contains("\\x1B]0;pwned\\x07 clear", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotApplicable_EndsNoChanges_WithTheReasonInTheJson()
    {
        _folder.WriteFile("na.json", """{ "turns": [ { "toolCalls": [ { "name": "report_not_applicable", "arguments": { "reason": "no FooClient reference in this repository" } } ] } ] }""");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task-file", "task.md", "--model", "script:na.json", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("no_changes", json.GetProperty("status").GetString());
        Assert.Contains("no FooClient reference in this repository", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
