using Honk.Scripting;
using Honk.Testing;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Workspaces.Git;

namespace Honk.EndToEnd.Tests;

/// <summary>
/// Whole sessions as a user runs them: a real git repository, a real worktree, the built-in tools, the sandboxed
/// command runner, a validator running the repository's real tests, and a scripted model.
/// </summary>
public sealed class ScriptedSessionOnGitRepositoryTests : IAsyncLifetime
{
    private const string BuggySum = "export function sum(values) {\n  let total = 0;\n  for (let i = 1; i < values.length; i++) total += values[i];\n  return total;\n}\n";

    private readonly TemporaryDirectory _cache = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(
            new Dictionary<string, string>
            {
                ["package.json"] = "{ \"name\": \"calc\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n",
                ["src/sum.js"] = BuggySum,
                ["test/sum.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { sum } from '../src/sum.js';\n\ntest('sums all values', () => {\n  assert.equal(sum([1, 2, 5]), 8);\n});\n",
            },
            "calc with an off-by-one",
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task FixingTheBug_PassesTheRealTests_AndSucceeds_WithoutTouchingTheSource()
    {
        var statusBefore = await _repo.GetStatusAsync(TestContext.Current.CancellationToken);
        var headBefore = await _repo.GetHeadAsync(TestContext.Current.CancellationToken);
        var model = ScriptedChatClient.FromJson("""
            { "turns": [
              { "text": "Let me look around.", "toolCalls": [ { "name": "list_files", "arguments": {} }, { "name": "search", "arguments": { "pattern": "function sum" } } ] },
              { "toolCalls": [ { "name": "read_file", "arguments": { "path": "src/sum.js" } } ] },
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/sum.js", "old_text": "let i = 1;", "new_text": "let i = 0;" } } ] },
              { "toolCalls": [ { "name": "run_command", "arguments": { "command": "node --test" } }, { "name": "validate", "arguments": {} } ] },
              { "text": "Fixed the off-by-one in sum: the loop skipped the first value." } ] }
            """);
        var validator = new NodeTestValidator();
        var (result, events, workspaceBranch) = await RunAsync(model, validator);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(["src/sum.js"], result.ChangedFiles);
        Assert.Equal("node-test", Assert.Single(result.Validators).Name);
        Assert.True(result.Validators[0].Passed);
        Assert.Equal(2, validator.Runs);
        Assert.All(events.OfType<ToolCallCompleted>(), r => Assert.False(r.IsError, $"{r.Name}: {r.Result}"));
        Assert.Contains("src/sum.js:1:export function sum(values) {", events.OfType<ToolCallCompleted>().Single(r => r.Name == "search").Result, StringComparison.Ordinal);
        Assert.StartsWith("honk/", workspaceBranch, StringComparison.Ordinal);

        // The user's repository is the source, never the workspace.
        Assert.Equal(statusBefore, await _repo.GetStatusAsync(TestContext.Current.CancellationToken));
        Assert.Equal(headBefore, await _repo.GetHeadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BuggySum, _repo.ReadFile("src/sum.js"));

        // The transcript replays offline.
        var replay = await TranscriptReplay.LoadScriptAsync(result.Transcript!, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(model.Script.Turns.Count, replay.Turns.Count);
    }

    [Fact]
    public async Task AWrongFix_IsSentBackByTheStopGate_AndEndsValidationFailed()
    {
        var model = ScriptedChatClient.FromJson("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "src/sum.js", "content": "export function sum(values) { return 0; }\n" } } ] },
              { "text": "Done." },
              { "text": "Still done." } ] }
            """);
        var (result, events, _) = await RunAsync(model, new NodeTestValidator(), maxGateRounds: 1);

        Assert.Equal(SessionStatus.ValidationFailed, result.Status);
        Assert.Contains("not ok", Assert.Single(events.OfType<FeedbackSent>()).Message, StringComparison.Ordinal);
        Assert.False(result.Validators[0].Passed);
    }

    [Fact]
    public async Task ApplyPatch_AndEscapeAttempts_AreHandledAsToolResults()
    {
        var model = ScriptedChatClient.FromJson("""
            { "turns": [
              { "toolCalls": [
                { "name": "read_file", "arguments": { "path": "../../etc/passwd" } },
                { "name": "write_file", "arguments": { "path": ".git/hooks/pre-commit", "content": "#!/bin/sh\nexit 1\n" } },
                { "name": "run_command", "arguments": { "command": "curl http://127.0.0.1:9/" } },
                { "name": "git", "arguments": { "args": "push origin HEAD" } } ] },
              { "toolCalls": [ { "name": "apply_patch", "arguments": { "patch": "--- a/src/sum.js\n+++ b/src/sum.js\n@@ -1,5 +1,5 @@\n export function sum(values) {\n   let total = 0;\n-  for (let i = 1; i < values.length; i++) total += values[i];\n+  for (let i = 0; i < values.length; i++) total += values[i];\n   return total;\n }\n" } } ] },
              { "text": "Patched." } ] }
            """);
        var (result, events, _) = await RunAsync(model, new NodeTestValidator());

        var results = events.OfType<ToolCallCompleted>().ToList();
        Assert.All(results.Take(4), r => Assert.True(r.IsError, $"{r.Name} should have been refused: {r.Result}"));
        Assert.False(results[4].IsError, results[4].Result);
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(["src/sum.js"], result.ChangedFiles);
    }

    private async Task<(SessionResult Result, List<AgentEvent> Events, string Branch)> RunAsync(ScriptedChatClient model, Validator validator, int maxGateRounds = 3)
    {
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = _cache.Combine("cache"), WorktreesRoot = _cache.Combine("worktrees") });
        await using var workspace = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(_repo.Path, "e2e-" + Guid.NewGuid().ToString("n")[..8]), TestContext.Current.CancellationToken);
        var options = new AgentSessionOptions
        {
            Workspace = workspace,
            CommandRunner = new SandboxedCommandRunner(workspace.RootPath),
            Transcript = new TranscriptOptions { RootDirectory = _cache.Combine("transcripts") },
        };
        options.Loop.MaxStopGateRounds = maxGateRounds;
        foreach (var tool in BuiltInTools.Create())
        {
            options.Tools.Add(tool);
        }

        options.Validators.Add(validator);
        var events = new List<AgentEvent>();
        await foreach (var e in new AgentSession(model, new CodingTask("Make sum add every value."), options).RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return (Assert.IsType<SessionCompleted>(events[^1]).Result, events, workspace.Branch!);
    }
}
