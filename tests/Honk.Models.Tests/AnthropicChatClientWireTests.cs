using System.Text.Json;
using Honk.Models.Anthropic;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>The Anthropic wiring driven through the real Anthropic SDK against a loopback server speaking the Messages API.</summary>
public sealed class AnthropicChatClientWireTests
{
    private const string Key = "sk-ant-test-0b8e2c7d91f4";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<ChatMessage> Hello => [new(ChatRole.User, "hi")];

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_SeveralToolUsesWithInputJsonDeltas_AssemblesCallsAndUsage()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            AnthropicWire.MessageStart(inputTokens: 100, cacheRead: 900, cacheCreation: 50), AnthropicWire.Ping,
            AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "Let me "), AnthropicWire.TextDelta(0, "look."), AnthropicWire.BlockStop(0),
            AnthropicWire.ToolStart(1, "toolu_read", "read_file"), AnthropicWire.InputJson(1, ""), AnthropicWire.InputJson(1, "{\"path\": \"src/Or"),
            AnthropicWire.InputJson(1, "der.cs\", \"offset\": 10}"), AnthropicWire.BlockStop(1),
            AnthropicWire.ToolStart(2, "toolu_search", "search"), AnthropicWire.InputJson(2, "{\"pattern\":"), AnthropicWire.InputJson(2, " \"OrderService\"}"), AnthropicWire.BlockStop(2),
            AnthropicWire.MessageDelta("tool_use", outputTokens: 61), AnthropicWire.MessageStop,
        ]));
        using var client = CreateClient(server);

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "Fix the NRE.")], TestTools.Options, Token).ToChatResponseAsync(Token);

        Assert.Equal("Let me look.", response.Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["toolu_read", "toolu_search"], calls.Select(c => c.CallId));
        Assert.Equal(["read_file", "search"], calls.Select(c => c.Name));
        Assert.Equal("src/Order.cs", Arg(calls[0], "path"));
        Assert.Equal("OrderService", Arg(calls[1], "pattern"));
        Assert.Equal(AnthropicWire.Model, response.ModelId);

        // Anthropic reports cache reads and writes apart from input_tokens; the usage must count all input, cached included.
        Assert.Equal(1050, response.Usage?.InputTokenCount);
        Assert.Equal(900, response.Usage?.CachedInputTokenCount);
        Assert.Equal(61, response.Usage?.OutputTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        var body = request.Json();
        Assert.Equal("claude-test", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal(AnthropicModelOptions.DefaultMaxOutputTokens, body.GetProperty("max_tokens").GetInt32());
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["read_file", "search"], tools.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("object", tools[0].GetProperty("input_schema").GetProperty("type").GetString());
        Assert.NotNull(request.Header("anthropic-version"));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_ToolResultRoundTrip_SendsToolUseAndToolResultBlocks()
    {
        var reply = AnthropicWire.Message([new { type = "text", text = "The file has 3 lines." }], "end_turn", inputTokens: 300, outputTokens: 9, cacheRead: 200);
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(reply));
        using var client = CreateClient(server);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "You are a careful engineer."),
            new(ChatRole.User, "How long is a.txt?"),
            new(ChatRole.Assistant, [new TextContent("Reading."), new FunctionCallContent("toolu_1", "read_file", new Dictionary<string, object?> { ["path"] = "a.txt" })]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "1: x\n2: y\n3: z")]),
        ];

        var response = await client.GetResponseAsync(history, TestTools.Options, Token);

        Assert.Equal("The file has 3 lines.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(500, response.Usage?.InputTokenCount);
        Assert.Equal(200, response.Usage?.CachedInputTokenCount);
        Assert.Equal(9, response.Usage?.OutputTokenCount);

        var body = Assert.Single(server.Requests).Json();
        Assert.Contains("You are a careful engineer.", SystemText(body), StringComparison.Ordinal);
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var toolUse = messages[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("toolu_1", toolUse.GetProperty("id").GetString());
        Assert.Equal("read_file", toolUse.GetProperty("name").GetString());
        Assert.Equal("a.txt", toolUse.GetProperty("input").GetProperty("path").GetString());
        var toolResult = messages[2].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_result");
        Assert.Equal("toolu_1", toolResult.GetProperty("tool_use_id").GetString());
        Assert.Contains("2: y", ResultText(toolResult), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_ModelIdAndMaxTokensOnChatOptions_AreSent()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Message([new { type = "text", text = "ok" }], "end_turn")));
        using var client = CreateClient(server);

        await client.GetResponseAsync(Hello, new ChatOptions { ModelId = "claude-haiku-4-5", MaxOutputTokens = 333 }, Token);

        var body = Assert.Single(server.Requests).Json();
        Assert.Equal("claude-haiku-4-5", body.GetProperty("model").GetString());
        Assert.Equal(333, body.GetProperty("max_tokens").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_Key_IsSentAsCredentialAndNeverShown()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Message([new { type = "text", text = "ok" }], "end_turn")));
        using var client = CreateClient(server);

        await client.GetResponseAsync(Hello, cancellationToken: Token);

        var request = Assert.Single(server.Requests);
        Assert.True(request.Header("x-api-key") == Key || request.Header("Authorization") == $"Bearer {Key}", request.RawHead);
        Assert.DoesNotContain(Key, client.ToString(), StringComparison.Ordinal);
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("anthropic", metadata?.ProviderName);
        Assert.Equal("claude-test", metadata?.DefaultModelId);
        Assert.Equal(server.BaseUri, metadata?.ProviderUri);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_429WithRetryAfter_ExposesStatusAndDelayWithoutRetryingItself()
    {
        var limited = LoopbackResponse.Json(AnthropicWire.Error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."), 429)
            .WithHeader("retry-after", "9").WithHeader("request-id", "req_1");
        var success = LoopbackResponse.EventStream([AnthropicWire.MessageStart(5), AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "ok"), AnthropicWire.BlockStop(0), AnthropicWire.MessageDelta("end_turn", 1), AnthropicWire.MessageStop]);
        await using var server = new LoopbackHttpServer(limited, success);
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Contains("per-minute rate limit", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);

        var response = await client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token);
        Assert.Equal("ok", response.Text);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_529Overloaded_IsTransient()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Error("overloaded_error", "Overloaded"), 529));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(Hello, cancellationToken: Token));

        Assert.Equal(529, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_500_IsTransientWithServerMessage()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Error("api_error", "Internal server error"), 500));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.Equal(500, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("Internal server error", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_401_IsPermanentAndNeverShowsTheKey()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Error("authentication_error", $"invalid x-api-key {Key}"), 401));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(Hello, cancellationToken: Token));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_ErrorEventMidStream_ThrowsTransientError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            AnthropicWire.MessageStart(5), AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "Working"),
            AnthropicWire.Event("error", new { type = "error", error = new { type = "overloaded_error", message = "Overloaded" } }),
        ]));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.True(error.IsTransient);
        Assert.Contains("Overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_MalformedEvent_ThrowsClearError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            AnthropicWire.MessageStart(5), "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_bl\n\n",
            AnthropicWire.MessageDelta("end_turn", 1), AnthropicWire.MessageStop,
        ]));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.Null(error.StatusCode);
        Assert.NotEmpty(error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_StreamEndsBeforeStopReason_ThrowsTransientIncompleteError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            AnthropicWire.MessageStart(5), AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "I will now"),
        ]));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.True(error.IsTransient);
        Assert.Contains("ended before the model finished", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_ConnectionCutMidToolUse_ThrowsTransientErrorAndYieldsNoCall()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream(
            [AnthropicWire.MessageStart(5), AnthropicWire.ToolStart(0, "toolu_1", "read_file"), AnthropicWire.InputJson(0, "{\"path\": \"sr"), AnthropicWire.InputJson(0, "c/a.cs\"}"), AnthropicWire.BlockStop(0), AnthropicWire.MessageDelta("tool_use", 9), AnthropicWire.MessageStop],
            abortAfter: 3));
        using var client = CreateClient(server);
        var calls = new List<FunctionCallContent>();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, TestTools.Options, Token))
            {
                calls.AddRange(update.Contents.OfType<FunctionCallContent>());
            }
        });

        Assert.True(error.IsTransient);
        Assert.Empty(calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_Cancelled_StopsPromptly()
    {
        var parts = new List<string> { AnthropicWire.MessageStart(5), AnthropicWire.TextStart(0) };
        parts.AddRange(Enumerable.Range(0, 50).Select(i => AnthropicWire.TextDelta(0, $"{i} ")));
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream(parts) with { DelayBetweenParts = TimeSpan.FromMilliseconds(200) });
        using var client = CreateClient(server);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, cancellationToken: cts.Token))
            {
                if (update.Text.Length > 0)
                {
                    await cts.CancelAsync();
                }
            }
        });
    }

    private static IChatClient CreateClient(LoopbackHttpServer server)
        => AnthropicChatClientFactory.Create(new AnthropicModelOptions
        {
            ModelId = "claude-test",
            ApiKey = Key,
            BaseUrl = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(10),
        });

    private static string? Arg(FunctionCallContent call, string name) => call.Arguments?[name] switch
    {
        JsonElement element => element.GetString(),
        var other => other?.ToString(),
    };

    private static string SystemText(JsonElement body)
    {
        var system = body.GetProperty("system");
        return system.ValueKind == JsonValueKind.String
            ? system.GetString()!
            : string.Concat(system.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }

    private static string ResultText(JsonElement block)
    {
        var content = block.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : ""));
    }
}
