using System.Text.Json;
using Honk.Models.Tests.Infrastructure;
using Honk.Testing;

namespace Honk.Cli.Tests;

public sealed class RunTests : IAsyncLifetime
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
    public async Task Json_HasTheFixedContract_AndTheChangeIsKeptOnTheBranch()
    {
        _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
              { "text": "Fixed the typo." } ] }
            """);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "greeting.txt says Hello, world!", "--model", "script:fix.json", "--deliver", "none", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.StartsWith("honk/", json.GetProperty("branch").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, json.GetProperty("commit").GetString()!.Length);
        Assert.Equal(["greeting.txt"], json.GetProperty("changedFiles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("validators").ValueKind);
        Assert.Equal(2, json.GetProperty("turns").GetInt32());
        var usage = json.GetProperty("usage");
        Assert.True(usage.GetProperty("inputTokens").GetInt64() > 0);
        Assert.True(usage.GetProperty("outputTokens").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, usage.GetProperty("costUsd").ValueKind);
        Assert.True(File.Exists(json.GetProperty("transcript").GetString()));

        // Nothing else on stdout, and the user's working copy is untouched.
        Assert.StartsWith("{", run.Stdout.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("Hello, wrld!\n", _repo.ReadFile("greeting.txt"));
    }

    [Fact]
    public async Task Base_StartsTheSessionFromTheNamedBranch_NotFromHead()
    {
        var ct = TestContext.Current.CancellationToken;
        var mainHead = await _repo.GetHeadAsync(ct);
        await _repo.RunGitAsync(["checkout", "-q", "-b", "develop"], ct);
        var developHead = await _repo.CommitFilesAsync(new Dictionary<string, string> { ["greeting.txt"] = "Hello, develop wrld!\n" }, "develop", ct);
        await _repo.RunGitAsync(["checkout", "-q", mainHead], ct);
        _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "develop wrld", "new_text": "develop world" } } ] },
              { "text": "Fixed the typo on develop." } ] }
            """);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "greeting.txt on develop says world", "--model", "script:fix.json", "--base", "develop", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var commit = run.Json().GetProperty("commit").GetString()!;
        Assert.Equal(developHead, (await _repo.RunGitAsync(["rev-parse", commit + "^"], ct)).Trim());
        Assert.Equal("Hello, develop world!\n", await _repo.RunGitAsync(["show", commit + ":greeting.txt"], ct));
    }

    [Fact]
    public async Task Base_ThatDoesNotExist_IsABadInputNamingIt()
    {
        _folder.WriteFile("noop.json", """{ "turns": [ { "text": "nothing" } ] }""");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "x", "--model", "script:noop.json", "--base", "no-such-branch");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'no-such-branch' was not found", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UncommittedChangesInTheSource_AreNamedAsNotPartOfTheSession()
    {
        File.WriteAllText(Path.Combine(_repo.Path, "greeting.txt"), "Hello, local edit!\n");
        _folder.WriteFile("noop.json", """{ "turns": [ { "text": "nothing to do" } ] }""");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "x", "--model", "script:noop.json", "--json");

        Assert.Contains("has uncommitted changes; the session starts from its last commit", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("{", run.Stdout.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("Hello, local edit!\n", _repo.ReadFile("greeting.txt"));
    }

    [Fact]
    public async Task ExhaustedScript_EndsFailed_WithExitCode1()
    {
        _folder.WriteFile("short.json", """{ "turns": [ { "toolCalls": [ { "name": "read_file", "arguments": { "path": "greeting.txt" } } ] } ] }""");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "x", "--model", "script:short.json", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.Json().GetProperty("status").GetString());
        Assert.Contains("script", run.Json().GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MaxTurns_EndsBudgetExceeded_WithExitCode5()
    {
        var read = """{ "toolCalls": [ { "name": "list_files", "arguments": {} } ] }""";
        _folder.WriteFile("long.json", "{ \"turns\": [" + string.Join(",", Enumerable.Repeat(read, 4)) + "] }");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "x", "--model", "script:long.json", "--max-turns", "2", "--json");

        Assert.Equal(5, run.ExitCode);
        Assert.Equal("budget_exceeded", run.Json().GetProperty("status").GetString());
        Assert.Equal(2, run.Json().GetProperty("turns").GetInt32());
    }

    [Fact]
    public async Task HumanOutput_ShowsProgressAndWhereTheResultIs()
    {
        _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
              { "text": "Fixed the typo." } ] }
            """);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "fix the typo", "--model", "script:fix.json", "--deliver", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("▸ edit_file", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("transcript", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAICompatibleEndpoint_DrivesASessionThatEditsAFile()
    {
        var arguments = JsonSerializer.Serialize(new { path = "greeting.txt", old_text = "wrld", new_text = "world" });
        await using var server = new LoopbackHttpServer((request, index) => index == 0
            ? LoopbackResponse.EventStream([
                OpenAIWire.RoleChunk(),
                OpenAIWire.ToolCallStart(0, "call_1", "edit_file"),
                OpenAIWire.ToolCallArguments(0, arguments[..10]),
                OpenAIWire.ToolCallArguments(0, arguments[10..]),
                OpenAIWire.Finish("tool_calls"),
                OpenAIWire.Usage(120, 30, 0),
                OpenAIWire.Done])
            : LoopbackResponse.EventStream([
                OpenAIWire.RoleChunk(),
                OpenAIWire.TextChunk("Fixed the typo in greeting.txt."),
                OpenAIWire.Finish("stop"),
                OpenAIWire.Usage(200, 12, 0),
                OpenAIWire.Done]));
        var model = $"openai-compatible:local-model@{server.BaseUri}v1";

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "fix the typo", "--model", model, "--no-judge", "--deliver", "none", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Equal(["greeting.txt"], json.GetProperty("changedFiles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(320, json.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("/v1/chat/completions", server.Requests[0].Path, StringComparison.Ordinal);

        // Without delivery the commit lives on the session branch in Honk's mirror of the repository.
        var mirror = Assert.Single(Directory.GetDirectories(_folder.Combine(".cache/honk/mirrors")));
        var show = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", mirror, "show", json.GetProperty("commit").GetString() + ":greeting.txt"]) { RedirectStandardOutput = true })!;
        var shown = await show.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await show.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Hello, world!", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureAlreadyOnTheBase_InThePackageTheChangeTouches_IsTheSessionsBusiness_AndBlocks()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await repo.CommitFilesAsync(
            new Dictionary<string, string>
            {
                ["package.json"] = "{ \"name\": \"m\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n",
                ["src/double.js"] = "export const double = (x) => x * 3;\n",
                ["test/double.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { double } from '../src/double.js';\ntest('double', () => assert.equal(double(2), 4));\n",
                ["test/legacy.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\ntest('legacy clock', () => assert.equal(1, 2));\n",
            },
            "module with a bug and an old broken test",
            TestContext.Current.CancellationToken);
        _folder.WriteFile("double.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/double.js", "old_text": "x * 3", "new_text": "x * 2" } } ] },
              { "text": "Fixed double." } ] }
            """);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", repo.Path, "--task", "double() doubles", "--model", "script:double.json", "--deliver", "none", "--json");

        // One package: the change touches the failing test's package, so the outcome rules make it the session's
        // to fix (tolerating unrelated failures in other packages is covered by the Outcomes tests).
        Assert.True(run.ExitCode != 0, run.ToString());
        var json = run.Json();
        Assert.NotEqual("succeeded", json.GetProperty("status").GetString());
        var npm = json.GetProperty("validators").EnumerateArray().Single();
        Assert.Contains("legacy clock", npm.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("yours to fix", npm.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otel_Console_PrintsTheSpanTreeOnStderr_AndKeepsStdoutOneJsonObject()
    {
        var demo = await HonkProcess.RunAsync(_folder.Path, null, "demo", "--dir", _folder.Combine("otel"), "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _folder.Combine("otel/stats-demo"), "--task", "sum() skips the first value",
            "--model", "script:" + _folder.Combine("otel/demo-session.json"), "--no-judge", "--deliver", "none", "--json", "--otel", "console");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("succeeded", run.Json().GetProperty("status").GetString());
        Assert.Contains("● honk.session", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("execute_tool edit_file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("honk.validation", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otel_WithSomethingElse_IsBadInput()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _folder.Path, "--task", "x", "--model", "script:none.json", "--otel", "ftp://collector");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--otel takes 'console'", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunsToASucceededSession()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "demo", "--dir", _folder.Combine("demo"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Equal(["src/stats.js"], json.GetProperty("changedFiles").EnumerateArray().Select(e => e.GetString()));
    }
}
