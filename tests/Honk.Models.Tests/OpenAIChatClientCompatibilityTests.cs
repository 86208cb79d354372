using System.Text.Json;
using Honk.Models.OpenAI;
using Honk.Scripting;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>
/// What OpenAI-compatible servers do differently from OpenAI, and what automatic prompt caching needs from the
/// requests: each a behaviour Microsoft.Extensions.AI.OpenAI's adapter lacks and Honk's decorator keeps.
/// </summary>
public sealed class OpenAIChatClientCompatibilityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_EmptyArgumentsForToolWithoutParameters_IsAnEmptyObject()
    {
        // Several servers (Ollama, vLLM with some parsers) send "" instead of "{}" for a tool that takes nothing.
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.ToolCallStart(0, "call_validate", "validate"), OpenAIWire.Finish("tool_calls"), OpenAIWire.Done,
        ]));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "go")], TestTools.Options, Token).ToChatResponseAsync(Token);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("validate", call.Name);
        Assert.Null(call.Exception);
        Assert.NotNull(call.Arguments);
        Assert.Empty(call.Arguments);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_InvalidArgumentsNotStreamed_CarryTheParserMessageAndRawText()
    {
        var reply = OpenAIWire.Completion(
            """{"role":"assistant","content":null,"tool_calls":[{"id":"call_bad","type":"function","function":{"name":"read_file","arguments":"{\"path\": 'a.txt'}"}}]}""",
            "tool_calls");
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(reply));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var response = await client.GetResponseAsync([new(ChatRole.User, "go")], TestTools.Options, Token);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_bad", call.CallId);
        Assert.Contains("not valid JSON", call.Exception?.Message, StringComparison.Ordinal);
        Assert.Equal("{\"path\": 'a.txt'}", call.AdditionalProperties?[ScriptedChatClient.RawArgumentsKey]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_GrowingConversation_KeepsTheSentPrefixByteForByte()
    {
        // OpenAI caches a prompt's prefix automatically when it is identical: the tools and every earlier message must
        // be sent exactly as before when the conversation grows by a turn.
        var reply = OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop");
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(reply), LoopbackResponse.Json(reply));
        using var client = OpenAIChatClientWireTests.CreateClient(server);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "You are a careful engineer."),
            new(ChatRole.User, "Fix the NRE in OrderService."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "read_file", new Dictionary<string, object?> { ["path"] = "src/Order.cs", ["offset"] = 10 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "10: var x = order.Customer.Name;")]),
        ];

        await client.GetResponseAsync(history, TestTools.Options, Token);
        history.Add(new(ChatRole.Assistant, [new FunctionCallContent("call_2", "search", new Dictionary<string, object?> { ["pattern"] = "Customer" })]));
        history.Add(new(ChatRole.Tool, [new FunctionResultContent("call_2", "no matches")]));
        await client.GetResponseAsync(history, TestTools.Options, Token);

        var first = server.Requests[0].Json();
        var second = server.Requests[1].Json();
        Assert.Equal(first.GetProperty("tools").GetRawText(), second.GetProperty("tools").GetRawText());
        var before = first.GetProperty("messages").EnumerateArray().Select(m => m.GetRawText()).ToList();
        var after = second.GetProperty("messages").EnumerateArray().Select(m => m.GetRawText()).ToList();
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(before, after.Take(before.Count));
        var firstBody = server.Requests[0].Body;
        var secondBody = server.Requests[1].Body;
        var lastSharedMessage = before[^1];
        Assert.Equal(
            firstBody[..(firstBody.IndexOf(lastSharedMessage, StringComparison.Ordinal) + lastSharedMessage.Length)],
            secondBody[..(secondBody.IndexOf(lastSharedMessage, StringComparison.Ordinal) + lastSharedMessage.Length)]);
    }

    [Fact(Timeout = 120_000)]
    public async Task GetStreamingResponseAsync_StreamStallsBeyondTheNetworkTimeout_ThrowsTransientNetworkError()
    {
        // The server sends one piece, then nothing (it would wait ten minutes): the SDK's network timeout ends the read.
        var stalled = LoopbackResponse.EventStream([OpenAIWire.RoleChunk(), OpenAIWire.TextChunk("never")]) with { DelayBetweenParts = TimeSpan.FromMinutes(10) };
        await using var server = new LoopbackHttpServer(stalled);
        using var client = new OpenAIChatClient(new OpenAIModelOptions
        {
            ModelId = "gpt-test", Endpoint = new Uri(server.BaseUri, "v1"), NetworkTimeout = TimeSpan.FromSeconds(2),
        });

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync([new(ChatRole.User, "go")], cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_ServerOmitsToolCallIds_CallsStillReachTheLoop()
    {
        // Some compatible servers leave out the call id; the loop names such calls itself (SessionRunner).
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.Chunk(new { tool_calls = new[] { new { index = 0, type = "function", function = new { name = "read_file", arguments = "{\"path\":\"a.txt\"}" } } } }),
            OpenAIWire.Finish("tool_calls"), OpenAIWire.Done,
        ]));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "go")], TestTools.Options, Token).ToChatResponseAsync(Token);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("a.txt", ((JsonElement)call.Arguments!["path"]!).GetString());
    }
}
