using Microsoft.Extensions.AI;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class StreamAndCancellationTests
{
    [Fact]
    public async Task Events_AreNumberedWithoutGaps_AndEndWithOneCompletion()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""
            { "turns": [
              { "text": "Let me look.", "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } } ] },
              { "text": "Done." } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool())), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.IsType<SessionStarted>(events[0]);
        Assert.Single(events.OfType<SessionCompleted>());
        Assert.IsType<SessionCompleted>(events[^1]);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.SessionId)));
        Assert.Contains(events, e => e is AssistantTextDelta);
        Assert.Equal(
            ["session_started", "turn_started", "assistant_turn", "tool_call", "tool_result", "turn_started", "assistant_turn", "session_completed"],
            events.Where(e => e is not AssistantTextDelta).Select(TypeName));
    }

    [Fact]
    public async Task CancellationMidStream_EndsCancelled_Promptly_KeepingWork()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "kept.txt", "content": "x" } } ] },
              { "text": "a very long thought", "delayMs": 2147483647 } ] }
            """);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var events = new List<AgentEvent>();

        // The second turn would think for weeks: only the cancellation can end the run within the hang limit.
        var running = Task.Run(async () =>
        {
            await foreach (var e in new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool())).RunStreamingAsync(cts.Token))
            {
                events.Add(e);
                if (e is TurnStarted { Turn: 2 })
                {
                    cts.CancelAfter(100);
                }
            }
        }, TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(running, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.True(first == running, "the cancelled session went on waiting for the model (still waiting after 2 minutes).");
        await running;

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Cancelled, result.Status);
        Assert.Equal(["kept.txt"], result.ChangedFiles);
    }

    [Fact]
    public async Task CancellationDuringATool_EndsCancelled()
    {
        await using var workspace = new FolderWorkspace();
        var slow = AIFunctionFactory.Create(async (CancellationToken ct) => { await Task.Delay(60000, ct); return "never"; }, "slow");
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "slow", "arguments": {} } ] } ] }""");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(200);

        var result = await new AgentSession(model, new CodingTask("x"), Options(workspace, slow)).RunAsync(cts.Token);

        Assert.Equal(SessionStatus.Cancelled, result.Status);
    }

    [Fact]
    public async Task RunningTwice_Throws()
    {
        var session = new AgentSession(Script("""{ "turns": [ { "text": "hi" } ] }"""), new CodingTask("x"), Options(null));
        await session.RunAsync(TestContext.Current.CancellationToken);

        Assert.Throws<InvalidOperationException>(() => session.RunStreamingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ScriptExhausted_EndsFailed_SayingSo()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } } ] } ] }""");

        var result = await new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool())).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("script", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["a.txt"], result.ChangedFiles);
    }

    [Fact]
    public async Task Sinks_SeeEveryEvent_AndAFailingSinkDoesNotStopTheSession()
    {
        var sink = new ListSink();
        var options = Options(null);
        options.EventSinks.Add(new ThrowingSink());
        options.EventSinks.Add(sink);

        var events = await CollectAsync(new AgentSession(Script("""{ "turns": [ { "text": "hi" } ] }"""), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        Assert.Equal(events.Select(e => e.Sequence), sink.Events.Select(e => e.Sequence));
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
    }

    [Fact]
    public async Task InvalidLoopOptions_AreRejectedWithEveryProblem()
    {
        var options = Options(null);
        options.Loop.MaxToolResultLines = 1;
        options.Loop.LoopFailureThreshold = 1;

        var error = Assert.Throws<ArgumentException>(() => new AgentSession(Script("""{ "turns": [] }"""), new CodingTask("x"), options));

        Assert.Contains("MaxToolResultLines", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoopFailureThreshold", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private static string TypeName(AgentEvent e)
        => System.Text.Json.JsonSerializer.SerializeToElement(e).GetProperty("type").GetString()!;
}
