using System.Text.Json;
using Honk.Models.OpenAI;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>The OpenAI adapter driven through the real OpenAI SDK against a loopback server speaking Chat Completions.</summary>
public sealed class OpenAIChatClientWireTests
{
    private const string Key = "sk-test-7f3a9c1e5b2d4068";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_SeveralToolCallsInPieces_AssemblesEachCallByIndex()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.RoleChunk(),
            OpenAIWire.TextChunk("Let me look."),
            OpenAIWire.ToolCallStart(0, "call_read", "read_file"),
            OpenAIWire.ToolCallArguments(0, "{\"pa"),
            OpenAIWire.ToolCallStart(1, "call_search", "search"),
            OpenAIWire.ToolCallArguments(1, "{\"pattern\":\"Order"),
            OpenAIWire.ToolCallArguments(0, "th\":\"src/Order.cs\","),
            OpenAIWire.ToolCallArguments(1, "Service\"}"),
            OpenAIWire.ToolCallArguments(0, "\"offset\":10}"),
            OpenAIWire.Finish("tool_calls"),
            OpenAIWire.Usage(prompt: 1200, completion: 48, cached: 1024),
            OpenAIWire.Done,
        ]));
        using var client = CreateClient(server);

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "Fix the NRE.")], TestTools.Options, Token).ToChatResponseAsync(Token);

        Assert.Equal("Let me look.", response.Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_read", "call_search"], calls.Select(c => c.CallId));
        Assert.Equal(["read_file", "search"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.Equal("src/Order.cs", ((JsonElement)calls[0].Arguments!["path"]!).GetString());
        Assert.Equal(10, ((JsonElement)calls[0].Arguments!["offset"]!).GetInt32());
        Assert.Equal("OrderService", ((JsonElement)calls[1].Arguments!["pattern"]!).GetString());
        Assert.Equal(OpenAIWire.Model, response.ModelId);
        Assert.Equal(1200, response.Usage?.InputTokenCount);
        Assert.Equal(48, response.Usage?.OutputTokenCount);
        Assert.Equal(1024, response.Usage?.CachedInputTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        var body = request.Json();
        Assert.Equal("gpt-test", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["read_file", "search"], tools.Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.All(tools, t => Assert.Equal("function", t.GetProperty("type").GetString()));
        var parameters = tools[0].GetProperty("function").GetProperty("parameters");
        Assert.Equal("object", parameters.GetProperty("type").GetString());
        Assert.Equal("string", parameters.GetProperty("properties").GetProperty("path").GetProperty("type").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_ToolResultRoundTrip_SendsAssistantCallsAndToolMessages()
    {
        var reply = OpenAIWire.Completion("""{"role":"assistant","content":"The file has 3 lines.","refusal":null}""", "stop", prompt: 300, completion: 9, cached: 128);
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(reply));
        using var client = CreateClient(server);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "You are a careful engineer."),
            new(ChatRole.User, "How long is a.txt?"),
            new(ChatRole.Assistant, [new TextContent("Reading."), new FunctionCallContent("call_1", "read_file", new Dictionary<string, object?> { ["path"] = "a.txt" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "1: x\n2: y\n3: z")]),
        ];

        var response = await client.GetResponseAsync(history, TestTools.Options, Token);

        Assert.Equal("The file has 3 lines.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(300, response.Usage?.InputTokenCount);
        Assert.Equal(9, response.Usage?.OutputTokenCount);
        Assert.Equal(128, response.Usage?.CachedInputTokenCount);

        var messages = Assert.Single(server.Requests).Json().GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are a careful engineer.", ContentText(messages[0]));
        var call = Assert.Single(messages[2].GetProperty("tool_calls").EnumerateArray().ToList());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("read_file", call.GetProperty("function").GetProperty("name").GetString());
        using (var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!))
        {
            Assert.Equal("a.txt", arguments.RootElement.GetProperty("path").GetString());
        }

        Assert.Equal("Reading.", ContentText(messages[2]));
        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("1: x\n2: y\n3: z", ContentText(messages[3]));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_ChatOptions_AreSentOnTheWire()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = CreateClient(server);
        var options = TestTools.Options;
        options.ModelId = "gpt-5-mini";
        options.Temperature = 0.25f;
        options.MaxOutputTokens = 777;
        options.StopSequences = ["<END>"];
        options.ToolMode = ChatToolMode.RequireSpecific("search");
        options.Instructions = "Be brief.";

        await client.GetResponseAsync([new(ChatRole.User, "hi")], options, Token);

        var body = Assert.Single(server.Requests).Json();
        Assert.Equal("gpt-5-mini", body.GetProperty("model").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(777, MaxTokens(body));
        Assert.Equal("<END>", body.GetProperty("stop").EnumerateArray().Single().GetString());
        Assert.Equal("search", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        var first = body.GetProperty("messages")[0];
        Assert.Equal("system", first.GetProperty("role").GetString());
        Assert.Equal("Be brief.", ContentText(first));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_NoToolsAndNoMaxTokens_UsesDefaultsAndSendsNoToolChoice()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = CreateClient(server, defaultMaxTokens: 4096);

        await client.GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { ToolMode = ChatToolMode.Auto }, Token);

        var body = Assert.Single(server.Requests).Json();
        Assert.Equal(4096, MaxTokens(body));
        Assert.False(body.TryGetProperty("tool_choice", out _));
        Assert.False(body.TryGetProperty("tools", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_Text_StreamsDeltasThenFinishAndUsage()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.RoleChunk(), OpenAIWire.TextChunk("Fixed "), OpenAIWire.TextChunk("the bug."), OpenAIWire.Finish("stop"),
            OpenAIWire.Usage(prompt: 50, completion: 4, cached: 0), OpenAIWire.Done,
        ]));
        using var client = CreateClient(server);

        var updates = await client.GetStreamingResponseAsync([new(ChatRole.User, "go")], cancellationToken: Token).ToListAsync(Token);

        Assert.Equal(["Fixed ", "the bug."], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var last = updates[^1];
        Assert.Equal(ChatFinishReason.Stop, last.FinishReason);
        Assert.Equal(54, Assert.Single(last.Contents.OfType<UsageContent>()).Details.TotalTokenCount);
        Assert.Equal("chatcmpl-1", last.ResponseId);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_InvalidToolArgumentsJson_ReturnsCallWithExceptionInsteadOfThrowing()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            OpenAIWire.ToolCallStart(0, "call_bad", "read_file"), OpenAIWire.ToolCallArguments(0, "{\"path\": \"a.txt\""),
            OpenAIWire.ToolCallStart(1, "call_list", "search"), OpenAIWire.ToolCallArguments(1, "[1,2]"),
            OpenAIWire.Finish("tool_calls"), OpenAIWire.Done,
        ]));
        using var client = CreateClient(server);

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "go")], TestTools.Options, Token).ToChatResponseAsync(Token);

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Contains("not valid JSON", calls[0].Exception?.Message, StringComparison.Ordinal);
        Assert.Equal("{\"path\": \"a.txt\"", calls[0].AdditionalProperties?["honk.rawArguments"]);
        Assert.Contains("JSON object", calls[1].Exception?.Message, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_BrokenCallInHistory_IsReplayedAsEmptyObject()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = CreateClient(server);
        var broken = new FunctionCallContent("call_bad", "read_file") { Exception = new InvalidDataException("not JSON") };
        List<ChatMessage> history =
        [
            new(ChatRole.User, "go"),
            new(ChatRole.Assistant, [broken]),
            new(ChatRole.Tool, [new FunctionResultContent("call_bad", "Error: the arguments are not valid JSON.")]),
        ];

        await client.GetResponseAsync(history, TestTools.Options, Token);

        var call = Assert.Single(server.Requests).Json().GetProperty("messages")[1].GetProperty("tool_calls")[0];
        Assert.Equal("{}", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_WithKey_SendsBearerHeader()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = CreateClient(server);

        await client.GetResponseAsync([new(ChatRole.User, "hi")], cancellationToken: Token);

        Assert.Equal($"Bearer {Key}", Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetResponseAsync_WithoutKey_SendsNoAuthorizationHeader()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        using var client = CreateClient(server, apiKey: null);

        var response = await client.GetResponseAsync([new(ChatRole.User, "hi")], cancellationToken: Token);

        Assert.Equal("ok", response.Text);
        Assert.Null(Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public void GetService_Metadata_ReportsProviderEndpointAndModel()
    {
        using var client = new OpenAIChatClient(new OpenAIModelOptions
        {
            ModelId = "llama3.1", Endpoint = new Uri("http://127.0.0.1:11434/v1"), ProviderName = "openai-compatible",
        });

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("openai-compatible", metadata?.ProviderName);
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), metadata?.ProviderUri);
        Assert.Equal("llama3.1", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<OpenAIChatClient>());
        Assert.NotNull(client.GetService<global::OpenAI.Chat.ChatClient>());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetStreamingResponseAsync_Cancelled_StopsPromptly()
    {
        var parts = Enumerable.Range(0, 50).Select(i => OpenAIWire.TextChunk($"{i} ")).ToList();
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream(parts) with { DelayBetweenParts = TimeSpan.FromMilliseconds(200) });
        using var client = CreateClient(server);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "go")], cancellationToken: cts.Token))
            {
                await cts.CancelAsync();
            }
        });
    }

    internal static OpenAIChatClient CreateClient(LoopbackHttpServer server, string? apiKey = Key, int? defaultMaxTokens = null)
        => new(new OpenAIModelOptions
        {
            ModelId = "gpt-test",
            Endpoint = new Uri(server.BaseUri, "v1"),
            ApiKey = apiKey,
            DefaultMaxOutputTokens = defaultMaxTokens,
            NetworkTimeout = TimeSpan.FromSeconds(45),
        });

    private static int MaxTokens(JsonElement body)
        => body.TryGetProperty("max_completion_tokens", out var value) ? value.GetInt32() : body.GetProperty("max_tokens").GetInt32();

    private static string ContentText(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
