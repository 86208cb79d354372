using System.Diagnostics;
using Honk.Tasks;
using Honk.Testing;

namespace Honk.Cli.Tests.Planning;

/// <summary><c>honk plan</c>: a scripted planning conversation in the terminal, answers fed on stdin.</summary>
public sealed class PlanCommandTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["greeting.txt"] = "Hello, wrld!\n" }, "greeting", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ScriptedConversation_WritesATaskFileThatParses_WithTheAnswers_ThenRunsIt()
    {
        _folder.WriteFile("plan.json", """
            { "turns": [
              { "toolCalls": [ { "name": "read_file", "arguments": { "path": "greeting.txt" } } ] },
              { "toolCalls": [ { "name": "ask_user", "arguments": { "question": "Which word is misspelled?" } } ] },
              { "toolCalls": [ { "name": "ask_user", "arguments": { "question": "Should anything else change?" } } ] },
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "---\ntitle: Fix the greeting\nallowed_paths: [greeting.txt]\ndone: greeting.txt reads 'Hello, world!'\n---\nIn greeting.txt, 'wrld' is spelled 'world'. Nothing else changes (answer: only the greeting)." } } ] },
              { "text": "Planned." } ] }
            """);
        _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
              { "text": "Fixed." } ] }
            """);

        var run = await RunPlanAsync("wrld\nonly the greeting\ny\n", "plan", "--repo", _repo.Path, "--task", "fix the greeting", "--model", "script:plan.json", "--out", "fix.md", "--run", "--run-model", "script:fix.json", "--deliver", "branch");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("? Which word is misspelled?", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Draft task file:", run.Stdout, StringComparison.Ordinal);
        var written = File.ReadAllText(Path.Combine(_folder.Path, "fix.md"));
        var task = TaskFile.Parse(written).Task;
        Assert.Equal("Fix the greeting", task.Title);
        Assert.Equal(["greeting.txt"], task.AllowedPaths);
        Assert.Contains("only the greeting", task.Goal, StringComparison.Ordinal);
        Assert.Contains("Starting: honk run", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("succeeded", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclinedDraft_WritesNothing()
    {
        _folder.WriteFile("plan.json", """
            { "turns": [
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "Fix it." } } ] },
              { "text": "Planning ended." } ] }
            """);

        var run = await RunPlanAsync("n\n", "plan", "--repo", _repo.Path, "--task", "fix it", "--model", "script:plan.json", "--out", "no.md");

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "no.md")));
        Assert.Contains("No task file was written.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanningSession_CannotWriteToTheRepository()
    {
        _folder.WriteFile("plan.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "HACKED" } } ] },
              { "toolCalls": [ { "name": "run_command", "arguments": { "command": "touch pwned" } } ] },
              { "text": "Could not." } ] }
            """);

        var run = await RunPlanAsync("", "plan", "--repo", _repo.Path, "--task", "x", "--model", "script:plan.json", "--out", "x.md");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("Hello, wrld!\n", _repo.ReadFile("greeting.txt"));
        Assert.False(File.Exists(Path.Combine(_repo.Path, "pwned")));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "x.md")));
    }

    private async Task<HonkRun> RunPlanAsync(string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "HONK_MODEL", "HONK_JUDGE_MODEL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_COMPATIBLE_API_KEY" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_STATE_HOME"] = Path.Combine(_folder.Path, ".state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_folder.Path, ".cache");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return new HonkRun(process.ExitCode, await stdout, await stderr);
    }
}
