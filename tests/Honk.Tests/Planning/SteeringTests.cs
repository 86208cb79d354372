using Honk.Steering;
using Honk.Tests.Loop;
using Honk.Transcripts;
using Microsoft.Extensions.AI;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Planning;

/// <summary>Steering a running session through its inbox: messages at turn boundaries, stop, redaction, replay.</summary>
public sealed class SteeringTests
{
    private const string ReadThenWriteThenDone = """
        { "turns": [
          { "toolCalls": [ { "name": "read_file", "arguments": { "path": "a.txt" } } ] },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "changed" } } ] },
          { "text": "Done." } ] }
        """;

    [Fact]
    public async Task MessageSentWhileATurnRuns_ReachesTheModelAtTheNextTurn()
    {
        await using var workspace = new FolderWorkspace();
        File.WriteAllText(Path.Combine(workspace.RootPath, "a.txt"), "original");
        var model = Script(ReadThenWriteThenDone);
        var session = new AgentSession(model, new CodingTask("Change a.txt"), Options(workspace, ReadTool(), WriteTool()));
        var events = new List<AgentEvent>();

        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);

            // The loop waits while the reader handles an event: the message is queued during turn 1's tool call.
            if (e is ToolCallStarted { Turn: 1 })
            {
                Assert.True(session.Steering.Send(new SteeringMessage("slack:U42", "Keep the file's first line as it is.")));
            }
        }

        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
        Assert.DoesNotContain(model.Requests[0].Messages, m => m.Text.Contains("Keep the file's first line", StringComparison.Ordinal));
        var second = model.Requests[1].Messages;
        var delivered = Assert.Single(second, m => m.Role == ChatRole.User && m.Text.Contains("Keep the file's first line as it is.", StringComparison.Ordinal));
        Assert.Contains("slack:U42", delivered.Text, StringComparison.Ordinal);
        Assert.Same(second[^1], delivered);

        var recorded = Assert.Single(events.OfType<UserMessageDelivered>());
        Assert.Equal((2, "slack:U42", "Keep the file's first line as it is."), (recorded.Turn, recorded.Sender, recorded.Text));
        Assert.True(events.IndexOf(recorded) > events.FindIndex(e => e is TurnStarted { Turn: 2 }));
    }

    [Fact]
    public async Task MessageSentAsTheModelFinishes_GivesItAnotherTurnInsteadOfFinishing()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""{ "turns": [ { "text": "Nothing to do." }, { "toolCalls": [ { "name": "write_file", "arguments": { "path": "b.txt", "content": "b" } } ] }, { "text": "Added b.txt." } ] }""");
        var session = new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool()));
        var events = new List<AgentEvent>();

        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is AssistantTurnCompleted { Turn: 1 })
            {
                session.Steering.Send(new SteeringMessage("api:ops", "Please add b.txt too."));
            }
        }

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(["b.txt"], result.ChangedFiles);
        Assert.True(Assert.Single(events.OfType<UserMessageDelivered>()).BeforeFinish);
        Assert.Contains(model.Requests[1].Messages, m => m.Text.Contains("Please add b.txt too.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_EndsCancelled_NamingWhoStopped_KeepingTheWork()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "kept.txt", "content": "x" } } ] },
              { "text": "a very long thought", "delayMs": 60000 } ] }
            """);
        var session = new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool()));
        var events = new List<AgentEvent>();

        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is TurnStarted { Turn: 2 })
            {
                Assert.True(session.Steering.Stop("slack:U42"));
            }
        }

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Cancelled, result.Status);
        Assert.Contains("stopped by slack:U42", result.Message, StringComparison.Ordinal);
        Assert.Equal(["kept.txt"], result.ChangedFiles);
        Assert.False(session.Steering.IsOpen);
        Assert.False(session.Steering.Send(new SteeringMessage("slack:U42", "too late")));
    }

    [Fact]
    public async Task Message_IsRedacted_ForTheModelAndTheRecord()
    {
        await using var workspace = new FolderWorkspace();
        var token = "ghp_" + new string('a', 18) + new string('7', 18);
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "lines", "arguments": { "count": 1 } } ] }, { "text": "ok" } ] }""");
        var session = new AgentSession(model, new CodingTask("x"), Options(workspace, CountTool()));
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is ToolCallStarted)
            {
                session.Steering.Send(new SteeringMessage("api:ops", $"use the token {token} to log in"));
            }
        }

        var recorded = Assert.Single(events.OfType<UserMessageDelivered>());
        Assert.DoesNotContain(token, recorded.Text, StringComparison.Ordinal);
        Assert.Contains("use the token", recorded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(model.Requests[1].Messages, m => m.Text.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordedSteering_Replays_ToTheSameConversation()
    {
        var transcripts = Directory.CreateTempSubdirectory("honk-steer-");
        try
        {
            await using var workspace = new FolderWorkspace();
            File.WriteAllText(Path.Combine(workspace.RootPath, "a.txt"), "original");
            var model = Script(ReadThenWriteThenDone);
            var options = Options(workspace, ReadTool(), WriteTool());
            options.Transcript = new TranscriptOptions { Directory = transcripts.FullName };
            var session = new AgentSession(model, new CodingTask("Change a.txt"), options);
            await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
            {
                if (e is ToolCallStarted { Turn: 1 })
                {
                    session.Steering.Send(new SteeringMessage("slack:U42", "Write exactly: changed"));
                }
            }

            var recorded = await TranscriptReader.ReadAllAsync(session.Result!.Transcript!, TestContext.Current.CancellationToken);
            Assert.Single(recorded.OfType<UserMessageDelivered>());

            await using var again = new FolderWorkspace();
            File.WriteAllText(Path.Combine(again.RootPath, "a.txt"), "original");
            var replayModel = new Honk.Scripting.ScriptedChatClient(TranscriptReplay.ToScript(recorded));
            var replayOptions = Options(again, ReadTool(), WriteTool());
            replayOptions.Inbox = SessionInbox.ForReplay(recorded);
            var replayed = await CollectAsync(new AgentSession(replayModel, new CodingTask("Change a.txt"), replayOptions), TestContext.Current.CancellationToken);

            Assert.Equal(SessionStatus.Succeeded, ResultOf(replayed).Status);
            Assert.Equal(
                model.Requests.Select(r => string.Join("|", r.Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text))),
                replayModel.Requests.Select(r => string.Join("|", r.Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text))));
        }
        finally
        {
            transcripts.Delete(recursive: true);
        }
    }

    [Fact]
    public void Inbox_RefusesEmptyOrOversizedMessages_AndPlanAnswersWhenNoPlanWaits()
    {
        var inbox = new SessionInbox();
        Assert.Throws<ArgumentException>(() => inbox.Send(new SteeringMessage("api:x", "  ")));
        Assert.Throws<ArgumentException>(() => inbox.Send(new SteeringMessage("", "hi")));
        Assert.Throws<ArgumentException>(() => inbox.Send(new SteeringMessage("api:x", new string('x', SteeringMessage.MaxLength + 1))));
        Assert.False(inbox.DecidePlan(new PlanDecision(true, "api:x")));
        Assert.True(inbox.Send(new SteeringMessage("api:x", "hi")));
    }
}
