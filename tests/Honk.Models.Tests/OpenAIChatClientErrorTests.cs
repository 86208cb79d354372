using Honk.Models.OpenAI;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>Failures of the OpenAI adapter: each must end in a clear <see cref="ModelProviderException"/>, never a hang.</summary>
public sealed class OpenAIChatClientErrorTests
{
    private const string Key = "sk-test-7f3a9c1e5b2d4068";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<ChatMessage> Hello => [new(ChatRole.User, "hi")];

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_429WithRetryAfter_ExposesStatusAndDelayWithoutRetryingItself()
    {
        var limited = LoopbackResponse.Json(OpenAIWire.Error("Rate limit reached for gpt-test.", "requests", "rate_limit_exceeded"), 429)
            .WithHeader("Retry-After", "7");
        await using var server = new LoopbackHttpServer(limited, LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(Hello, cancellationToken: Token));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Contains("Rate limit reached", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);

        // The loop's retry, after honouring the delay, succeeds.
        var response = await client.GetResponseAsync(Hello, cancellationToken: Token);
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_429WithRetryAfterMs_PrefersMilliseconds()
    {
        var limited = LoopbackResponse.Json(OpenAIWire.Error("Slow down.", "requests"), 429)
            .WithHeader("retry-after-ms", "1500").WithHeader("Retry-After", "2");
        await using var server = new LoopbackHttpServer(limited);
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_500_IsTransientWithServerMessage()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Error("The server had an error while processing your request.", "server_error"), 500));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.Equal(500, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("server had an error", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_401EchoingTheKey_IsPermanentAndNeverShowsTheKey()
    {
        var body = OpenAIWire.Error($"Incorrect API key provided: {Key}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(body, 401));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(Hello, cancellationToken: Token));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("Incorrect API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, client.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_MalformedChunk_ThrowsClearPermanentError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.TextChunk("Hel"), OpenAIWire.Data("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"), OpenAIWire.Done,
        ]));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains("not valid Chat Completions JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_StreamEndsWithoutFinishReason_ThrowsTransientIncompleteError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([OpenAIWire.RoleChunk(), OpenAIWire.TextChunk("I will now")]));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, cancellationToken: Token).ToChatResponseAsync(Token));

        Assert.True(error.IsTransient);
        Assert.Contains("ended before the model finished", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_StreamEndsMidToolCall_SaysSoAndYieldsNoCall()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.ToolCallStart(0, "call_1", "read_file"), OpenAIWire.ToolCallArguments(0, "{\"path\":\"src/"),
        ]));
        using var client = OpenAIChatClientWireTests.CreateClient(server);
        var calls = new List<FunctionCallContent>();

        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, TestTools.Options, Token))
            {
                calls.AddRange(update.Contents.OfType<FunctionCallContent>());
            }
        });

        Assert.True(error.IsTransient);
        Assert.Contains("in the middle of a tool call", error.Message, StringComparison.Ordinal);
        Assert.Empty(calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_ConnectionCutMidToolCall_ThrowsTransientNetworkError()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream(
            [OpenAIWire.ToolCallStart(0, "call_1", "read_file"), OpenAIWire.ToolCallArguments(0, "{\"path\":"), OpenAIWire.ToolCallArguments(0, "\"a\"}"), OpenAIWire.Finish("tool_calls"), OpenAIWire.Done],
            abortAfter: 2));
        using var client = OpenAIChatClientWireTests.CreateClient(server);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetStreamingResponseAsync(Hello, TestTools.Options, Token).ToChatResponseAsync(Token));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_NothingListening_ThrowsTransientNetworkError()
    {
        Uri endpoint;
        await using (var server = new LoopbackHttpServer(LoopbackResponse.Json("{}")))
        {
            endpoint = new Uri(server.BaseUri, "v1");
        }

        using var client = new OpenAIChatClient(new OpenAIModelOptions { ModelId = "gpt-test", Endpoint = endpoint, ApiKey = Key });

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(Hello, cancellationToken: Token));

        Assert.True(error.IsTransient);
        Assert.Contains("network", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }
}
