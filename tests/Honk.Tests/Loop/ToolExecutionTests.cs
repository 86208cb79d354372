using Microsoft.Extensions.AI;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class ToolExecutionTests
{
    [Fact]
    public async Task ReadOnlyCalls_OfOneTurn_RunInParallel()
    {
        await using var workspace = new FolderWorkspace();
        using var barrier = new Barrier(3);
        var probe = AIFunctionFactory.Create(
            (string name) => barrier.SignalAndWait(TimeSpan.FromSeconds(10)) ? $"met {name}" : $"alone {name}",
            new AIFunctionFactoryOptions { Name = "probe", AdditionalProperties = ToolTraits.ReadOnly });
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "probe", "arguments": { "name": "a" } }, { "name": "probe", "arguments": { "name": "b" } }, { "name": "probe", "arguments": { "name": "c" } } ] },
              { "text": "ok" } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, probe)), TestContext.Current.CancellationToken);

        // All three met at the barrier, which only happens when they run at the same time; results keep call order.
        Assert.Equal(["met a", "met b", "met c"], ToolResults(events).Select(r => r.Result));
    }

    [Fact]
    public async Task MutatingCalls_RunOneAtATime_InOrder()
    {
        await using var workspace = new FolderWorkspace();
        var running = 0;
        var maxRunning = 0;
        var order = new List<string>();
        var step = AIFunctionFactory.Create(
            async (string name) =>
            {
                var now = Interlocked.Increment(ref running);
                lock (order)
                {
                    maxRunning = Math.Max(maxRunning, now);
                    order.Add(name);
                }

                await Task.Delay(30);
                Interlocked.Decrement(ref running);
                return name;
            },
            "step");
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "step", "arguments": { "name": "1" } }, { "name": "step", "arguments": { "name": "2" } }, { "name": "step", "arguments": { "name": "3" } } ] },
              { "text": "ok" } ] }
            """);

        await new AgentSession(model, new CodingTask("x"), Options(workspace, step)).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, maxRunning);
        Assert.Equal(["1", "2", "3"], order);
    }

    [Fact]
    public async Task LongResult_IsCapped_HeadAndTailKept_WithOmittedMarker()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, CountTool());
        options.Loop.MaxToolResultLines = 30;
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "lines", "arguments": { "count": 1000 } } ] }, { "text": "ok" } ] }""");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var result = Assert.Single(ToolResults(events));
        Assert.True(result.Truncated);
        Assert.StartsWith("line 1\nline 2\n", result.Result, StringComparison.Ordinal);
        Assert.EndsWith("line 999\nline 1000", result.Result, StringComparison.Ordinal);
        Assert.Contains("[... 970 lines omitted ...]", result.Result, StringComparison.Ordinal);
        Assert.DoesNotContain("line 500\n", result.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultWithHugeLines_IsCappedByCharacters()
    {
        var huge = AIFunctionFactory.Create(() => new string('a', 100_000) + "END", "huge");
        var options = Options(null, huge);
        options.Loop.MaxToolResultChars = 1000;
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "huge", "arguments": {} } ] }, { "text": "ok" } ] }""");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var result = Assert.Single(ToolResults(events));
        Assert.True(result.Result.Length < 1200);
        Assert.EndsWith("END", result.Result, StringComparison.Ordinal);
        Assert.Contains("characters (0 lines) omitted", result.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NearTheContextWindow_OldestResultsAreCompacted_RecentOnesKept()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, CountTool());
        options.Loop.ContextWindowTokens = 2000;
        options.Loop.CompactionKeepRecentResults = 1;
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "lines", "arguments": { "count": 300 } } ], "usage": { "inputTokens": 100, "outputTokens": 10 } },
              { "toolCalls": [ { "name": "lines", "arguments": { "count": 301 } } ], "usage": { "inputTokens": 1000, "outputTokens": 10 } },
              { "toolCalls": [ { "name": "lines", "arguments": { "count": 302 } } ], "usage": { "inputTokens": 2000, "outputTokens": 10 } },
              { "text": "ok", "usage": { "inputTokens": 3000, "outputTokens": 10 } } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var compacted = events.OfType<ContextCompacted>().First();
        Assert.True(compacted.EstimatedTokensAfter < compacted.EstimatedTokensBefore);
        var lastRequest = model.Requests[^1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => (string)r.Result!).ToList();
        Assert.StartsWith("[Output of lines removed to save context", lastRequest[0], StringComparison.Ordinal);
        Assert.StartsWith("line 1\n", lastRequest[^1], StringComparison.Ordinal);

        // What was sent earlier is not rewritten behind the client's back.
        var firstSent = model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.StartsWith("line 1\n", (string)firstSent.Result!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameCallOnUnchangedWorkspace_WarnsThenEndsFailed()
    {
        await using var workspace = new FolderWorkspace();
        workspace.Write("a.txt", "hello");
        workspace.Rebase();
        var read = """{ "toolCalls": [ { "name": "read_file", "arguments": { "path": "a.txt" } } ] }""";
        var model = Script("{ \"turns\": [" + string.Join(",", Enumerable.Repeat(read, 8)) + "] }");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, ReadTool())), TestContext.Current.CancellationToken);

        var detections = events.OfType<LoopDetected>().ToList();
        Assert.Equal([3, 4, 5], detections.Select(d => d.Repeats));
        Assert.Equal([false, false, true], detections.Select(d => d.Terminal));
        Assert.Contains("Repeating it will not help", ToolResults(events)[2].Result, StringComparison.Ordinal);
        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("Stuck in a loop: 'read_file'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameCallAfterAWorkspaceChange_IsNotALoop()
    {
        await using var workspace = new FolderWorkspace();
        var turns = Enumerable.Range(1, 6).SelectMany(i => new[]
        {
            $$"""{ "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v{{i}}" } } ] }""",
            """{ "toolCalls": [ { "name": "read_file", "arguments": { "path": "a.txt" } } ] }""",
        });
        var model = Script("{ \"turns\": [" + string.Join(",", turns) + ", { \"text\": \"done\" }] }");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, ReadTool(), WriteTool())), TestContext.Current.CancellationToken);

        Assert.Empty(events.OfType<LoopDetected>());
        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
    }

    [Fact]
    public async Task ArgumentKeyOrder_DoesNotHideALoop()
    {
        await using var workspace = new FolderWorkspace();
        var a = """{ "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "same" } } ] }""";
        var b = """{ "toolCalls": [ { "name": "write_file", "arguments": { "content": "same", "path": "a.txt" } } ] }""";
        var model = Script("{ \"turns\": [" + string.Join(",", a, b, a, b, a, b, a) + "] }");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool())), TestContext.Current.CancellationToken);

        // The first write changes the workspace; the identical rewrites after it do not.
        Assert.Contains(events, e => e is LoopDetected { Terminal: true });
    }
}
