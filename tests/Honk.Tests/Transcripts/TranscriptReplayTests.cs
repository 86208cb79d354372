using System.Text.Json;
using Honk.Scripting;
using Honk.Testing;
using Honk.Transcripts;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Transcripts;

public sealed class TranscriptReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Script = """
        { "turns": [
            { "text": "Let me look.", "toolCalls": [ { "name": "read_file", "arguments": { "path": "src/a.cs", "limit": 20 } }, { "name": "validate" } ], "usage": { "inputTokens": 100, "outputTokens": 12 } },
            { "toolCalls": [ { "name": "apply_patch", "arguments": { "patch": "--- a/x.cs\n+++ b/x.cs\n@@ -1 +1 @@\n-a\n+b\n" } } ], "usage": { "inputTokens": 180, "outputTokens": 40 } },
            { "toolCalls": [ { "name": "edit_file", "arguments": [ "not", "an", "object" ] } ], "usage": { "inputTokens": 200, "outputTokens": 5 } },
            { "text": "Fixed the off-by-one in Parse.", "usage": { "inputTokens": 220, "outputTokens": 8 } } ] }
        """;

    [Fact]
    public async Task ToScript_RecordedSessionOfAScript_ReplaysTheSameScript()
    {
        var original = ModelScript.Parse(Script);
        var events = await PlayAsync(new ScriptedChatClient(original));
        using var folder = new TemporaryDirectory("honk-replay");
        var path = folder.Combine("session.jsonl");
        await using (var writer = TranscriptWriter.Open(path))
        {
            foreach (var agentEvent in events)
            {
                await writer.WriteAsync(agentEvent, Ct);
            }
        }

        var replayed = await TranscriptReplay.LoadScriptAsync(path, cancellationToken: Ct);

        Assert.Equal(original, replayed);
        Assert.Equal(original, ModelScript.Parse(replayed.ToJson()));
    }

    [Fact]
    public void ToScript_WithoutUsage_LeavesUsageOut()
    {
        var events = new AgentEvent[]
        {
            new TurnStarted(1),
            new AssistantTurnCompleted(1, "", [new ToolCallRequest("c", "list_files", "")], new SessionUsage(5, 6, 0m)),
        };

        var script = TranscriptReplay.ToScript(events, includeUsage: false);

        var turn = Assert.Single(script.Turns);
        Assert.Null(turn.Usage);
        Assert.Null(turn.Text);
        Assert.Equal(new ScriptToolCall("list_files"), turn.ToolCalls.Single());
    }

    [Fact]
    public void ToScript_GarbledArguments_ReplayAsRawStringValue()
    {
        var events = new AgentEvent[] { new AssistantTurnCompleted(1, null, [new ToolCallRequest("c", "read_file", "{\"path\": ")], SessionUsage.Zero) };

        var call = TranscriptReplay.ToScript(events).Turns.Single().ToolCalls.Single();

        Assert.Equal(JsonValueKind.String, call.Arguments.ValueKind);
        Assert.Equal("{\"path\": ", call.Arguments.GetString());
    }

    /// <summary>A minimal stand-in for the agent loop: one turn per response, calls answered with "ok".</summary>
    private static async Task<List<AgentEvent>> PlayAsync(IChatClient client)
    {
        var events = new List<AgentEvent>();
        var messages = new List<ChatMessage> { new(ChatRole.User, "fix it") };
        for (var turn = 1; ; turn++)
        {
            events.Add(new TurnStarted(turn));
            var response = await client.GetResponseAsync(messages, cancellationToken: Ct);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            var requests = calls.Select(c => new ToolCallRequest(
                c.CallId,
                c.Name,
                c.Arguments is null ? (string)c.AdditionalProperties![ScriptedChatClient.RawArgumentsKey]! : JsonSerializer.Serialize(c.Arguments))).ToList();
            var usage = new SessionUsage(response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, 0m);
            events.Add(new AssistantTurnCompleted(turn, response.Text, requests, usage));
            messages.AddRange(response.Messages);
            if (calls.Count == 0)
            {
                return events;
            }

            foreach (var request in requests)
            {
                events.Add(new ToolCallStarted(turn, request));
                events.Add(new ToolCallCompleted(turn, request.CallId, request.Name, "ok", false, TimeSpan.Zero));
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(request.CallId, "ok")]));
            }
        }
    }
}
