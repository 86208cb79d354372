using System.Text.Json;
using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Scripting;

public sealed class ScriptedChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<ChatMessage> Ask(string text = "fix it") => [new(ChatRole.User, text)];

    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, List<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages ?? Ask(), options, Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TextTurn_StreamsTextInSeveralUpdatesThenUsage()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "Fixed the off-by-one in Parse." } ] }""");

        var updates = await StreamAsync(client);

        Assert.True(updates.Count >= 3, $"expected several updates, got {updates.Count}");
        Assert.Equal("Fixed the off-by-one in Parse.", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        var last = updates[^1];
        Assert.IsType<UsageContent>(Assert.Single(last.Contents));
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        Assert.Empty(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCalls_OneUpdatePerCallWithUniqueIdsAndObjectArguments()
    {
        using var client = ScriptedChatClient.FromJson("""
            { "turns": [
              { "toolCalls": [ { "name": "read_file", "arguments": { "path": "a.txt", "limit": 5 } }, { "name": "validate" } ] },
              { "toolCalls": [ { "name": "validate", "arguments": {} } ] } ] }
            """);

        var first = await StreamAsync(client);
        var second = await StreamAsync(client);

        var calls = first.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(["call_1_1", "call_1_2"], calls.Select(c => c.CallId));
        Assert.Equal("read_file", calls[0].Name);
        Assert.Equal("a.txt", ((JsonElement)calls[0].Arguments!["path"]!).GetString());
        Assert.Equal(5, ((JsonElement)calls[0].Arguments!["limit"]!).GetInt32());
        Assert.NotNull(calls[1].Arguments);
        Assert.Empty(calls[1].Arguments!);
        Assert.Null(calls[0].Exception);
        Assert.Equal(ChatFinishReason.ToolCalls, first[^1].FinishReason);
        Assert.Equal("call_2_1", second.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single().CallId);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"path=a.txt\"")]
    [InlineData("null")]
    [InlineData("42")]
    public async Task GetStreamingResponseAsync_NonObjectArguments_DeliversMalformedCallWithRawText(string arguments)
    {
        using var client = ScriptedChatClient.FromJson($$"""{ "turns": [ { "toolCalls": [ { "name": "read_file", "arguments": {{arguments}} } ] } ] }""");

        var call = (await StreamAsync(client)).SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();

        Assert.Null(call.Arguments);
        Assert.NotNull(call.Exception);
        Assert.Equal(JsonDocument.Parse(arguments).RootElement.GetRawText(), call.AdditionalProperties![ScriptedChatClient.RawArgumentsKey]);
    }

    [Fact]
    public async Task GetResponseAsync_TurnWithTextAndCalls_ReturnsOneAssistantMessageWithUsage()
    {
        using var client = ScriptedChatClient.FromJson("""
            { "turns": [ { "text": "Let me look.", "toolCalls": [ { "name": "list_files" } ], "usage": { "inputTokens": 120, "outputTokens": 7 } } ] }
            """);

        var response = await client.GetResponseAsync(Ask(), cancellationToken: Ct);

        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal("Let me look.", message.Text);
        Assert.Equal("list_files", message.Contents.OfType<FunctionCallContent>().Single().Name);
        Assert.Equal(120, response.Usage!.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal("script", response.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_ScriptRunsOut_ThrowsScriptExhaustedExceptionNamingTheTurn()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "done" } ] }""");
        await client.GetResponseAsync(Ask(), cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<ScriptExhaustedException>(() => client.GetResponseAsync(Ask(), cancellationToken: Ct));

        Assert.Equal("The script has 1 turn and the session asked for turn 2.", ex.Message);
        Assert.Equal(1, ex.TurnCount);
        Assert.Equal(2, ex.RequestedTurn);
        Assert.Equal(0, client.RemainingTurns);
    }

    [Fact]
    public async Task GetResponseAsync_NoUsageInTurn_EstimatesFromCharactersSentAndProduced()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "12345678" }, { "text": "12345678" } ] }""");

        var small = await client.GetResponseAsync(Ask(new string('x', 40)), cancellationToken: Ct);
        var large = await client.GetResponseAsync(Ask(new string('x', 4000)), cancellationToken: Ct);

        Assert.Equal(10, small.Usage!.InputTokenCount);
        Assert.Equal(1000, large.Usage!.InputTokenCount);
        Assert.Equal(2, small.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Requests_AfterCalls_RecordsMessagesAndOptionsPerTurn()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "a" }, { "text": "b" } ] }""");
        var messages = Ask("first");
        await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0.5f }, Ct);
        messages.Add(new ChatMessage(ChatRole.User, "second"));
        await client.GetResponseAsync(messages, cancellationToken: Ct);

        var requests = client.Requests;

        Assert.Equal(2, requests.Count);
        Assert.Equal(1, requests[0].Turn);
        Assert.Single(requests[0].Messages);
        Assert.Equal(0.5f, requests[0].Options!.Temperature);
        Assert.Equal(2, requests[1].Messages.Count);
        Assert.Null(requests[1].Options);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AlreadyCancelled_ThrowsAndConsumesNoTurn()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "a" } ] }""");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Ask(), cancellationToken: cts.Token))
            {
            }
        });

        Assert.Equal(1, client.RemainingTurns);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledMidStream_StopsWithOperationCanceled()
    {
        // A turn that would pause for weeks: only the cancellation can end this stream within the hang limit.
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "a fairly long answer", "delayMs": 2147483647 } ] }""");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var received = 0;

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Ask(), cancellationToken: cts.Token))
            {
                received++;
            }
        }, Ct);

        var first = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(2), Ct));
        Assert.True(first == reading, "the cancelled stream went on waiting out the turn's delay (still waiting after 2 minutes).");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelAfterFirstUpdate_NextMoveThrows()
    {
        using var client = ScriptedChatClient.FromJson("""{ "turns": [ { "text": "a fairly long answer", "delayMs": 20 } ] }""");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Ask(), cancellationToken: cts.Token))
            {
                received++;
                await cts.CancelAsync();
            }
        });

        Assert.Equal(1, received);
    }

    [Fact]
    public async Task GetResponseAsync_ManyConcurrentCallers_EachTurnServedExactlyOnce()
    {
        var script = new ModelScript([.. Enumerable.Range(1, 64).Select(i => new ScriptTurn { Text = $"turn {i}" })]);
        using var client = new ScriptedChatClient(script);

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => client.GetResponseAsync(Ask(), cancellationToken: Ct), Ct)));

        Assert.Equal(64, responses.Select(r => r.Text).Distinct().Count());
        Assert.Equal(64, client.Requests.Select(r => r.Turn).Distinct().Count());
        Assert.Equal(0, client.RemainingTurns);
    }

    [Fact]
    public void GetService_ChatClientMetadata_ReportsScriptProviderAndModel()
    {
        using var client = new ScriptedChatClient(new ModelScript([]));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("script", metadata!.ProviderName);
        Assert.Equal("script", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<ScriptedChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
    }
}
