using System.Text.Json;
using Honk.Models.Anthropic;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>
/// Prompt-cache breakpoints on the wire: what the real Anthropic SDK sends for an agent loop's requests, read by a
/// loopback server speaking the Messages API.
/// </summary>
public sealed class AnthropicPromptCachingWireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Reply => AnthropicWire.Message([new { type = "text", text = "ok" }], "end_turn", inputTokens: 40, outputTokens: 2, cacheRead: 900);

    [Fact(Timeout = 60_000)]
    public async Task AgentLoopRequest_CarriesBreakpointsOnSystemPromptPreviousTurnAndLastMessage()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(Reply));
        using var client = CreateClient(server, caching: true);
        var history = ThreeTurns();

        await client.GetResponseAsync(history, TestTools.Options, Token);

        var body = Assert.Single(server.Requests).Json();
        Assert.True(HasBreakpoint(body.GetProperty("system").EnumerateArray().Last()));
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        var marked = messages.Select((m, i) => (i, m)).Where(x => HasBreakpoint(x.m.GetProperty("content").EnumerateArray().Last())).Select(x => x.i).ToList();

        // messages: user, assistant(tool_use 1), user(tool_result 1), assistant(tool_use 2), user(tool_result 2).
        Assert.Equal([2, 4], marked);
        Assert.Equal(3, CountBreakpoints(body));
    }

    [Fact(Timeout = 60_000)]
    public async Task AgentLoop_ReusingOneHistory_NeverPilesUpBreakpointsOrChangesTheCallersMessages()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(Reply));
        using var client = CreateClient(server, caching: true);
        List<ChatMessage> history = [new(ChatRole.System, "You are careful."), new(ChatRole.User, "Fix the bug.")];

        for (var turn = 1; turn <= 6; turn++)
        {
            await client.GetResponseAsync(history, TestTools.Options, Token);
            history.Add(new(ChatRole.Assistant, [new FunctionCallContent($"toolu_{turn}", "read_file", new Dictionary<string, object?> { ["path"] = $"f{turn}.cs" })]));
            history.Add(new(ChatRole.Tool, [new FunctionResultContent($"toolu_{turn}", $"contents of f{turn}.cs")]));
        }

        Assert.Equal(6, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.InRange(CountBreakpoints(r.Json()), 2, 3));
        Assert.All(history.SelectMany(m => m.Contents), c => Assert.True(c.AdditionalProperties is null or { Count: 0 }));
    }

    [Fact(Timeout = 60_000)]
    public async Task CachingOff_SendsNoBreakpoints()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(Reply));
        using var client = CreateClient(server, caching: false);

        await client.GetResponseAsync(ThreeTurns(), TestTools.Options, Token);

        Assert.Equal(0, CountBreakpoints(Assert.Single(server.Requests).Json()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Usage_ReportsCacheReadsAndWrites_AndThePriceTableBillsEach()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.EventStream([
            AnthropicWire.MessageStart(inputTokens: 100, cacheRead: 9_000, cacheCreation: 900),
            AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "ok"), AnthropicWire.BlockStop(0),
            AnthropicWire.MessageDelta("end_turn", outputTokens: 10), AnthropicWire.MessageStop,
        ]));
        using var client = CreateClient(server, caching: true);

        var response = await client.GetStreamingResponseAsync(ThreeTurns(), TestTools.Options, Token).ToChatResponseAsync(Token);

        Assert.Equal(10_000, response.Usage?.InputTokenCount);
        Assert.Equal(9_000, response.Usage?.CachedInputTokenCount);
        Assert.Equal(900, CacheWrites.Of(response.Usage));

        // claude-sonnet-4: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million.
        var cost = ModelPriceTable.Default.Cost("claude-sonnet-4-5", 10_000, 10, 9_000, 900);
        Assert.Equal(((100 * 3m) + (9_000 * 0.30m) + (900 * 3.75m) + (10 * 15m)) / 1_000_000m, cost);
    }

    [Fact]
    public void Settings_PromptCachingVariable_TurnsItOffOrRefusesNonsense()
    {
        var spec = ModelSpec.Parse("anthropic:claude-sonnet-4-5");
        Dictionary<string, string?> settings = new() { ["ANTHROPIC_API_KEY"] = "k" };
        Assert.True(AnthropicChatClientFactory.CreateOptions(spec, settings).PromptCaching);

        settings[AnthropicChatClientFactory.PromptCachingVariable] = "off";
        Assert.False(AnthropicChatClientFactory.CreateOptions(spec, settings).PromptCaching);

        settings[AnthropicChatClientFactory.PromptCachingVariable] = "sometimes";
        var error = Assert.Throws<InvalidOperationException>(() => AnthropicChatClientFactory.CreateOptions(spec, settings));
        Assert.Contains(AnthropicChatClientFactory.PromptCachingVariable, error.Message, StringComparison.Ordinal);
    }

    private static List<ChatMessage> ThreeTurns() =>
    [
        new(ChatRole.System, "You are a careful engineer."),
        new(ChatRole.User, "Fix the NRE in Order.cs."),
        new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "read_file", new Dictionary<string, object?> { ["path"] = "Order.cs" })]),
        new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "1: class Order {}")]),
        new(ChatRole.Assistant, [new TextContent("Searching."), new FunctionCallContent("toolu_2", "search", new Dictionary<string, object?> { ["pattern"] = "Order" })]),
        new(ChatRole.Tool, [new FunctionResultContent("toolu_2", "Order.cs:1")]),
    ];

    private static bool HasBreakpoint(JsonElement block)
        => block.TryGetProperty("cache_control", out var control) && control.GetProperty("type").GetString() == "ephemeral";

    private static int CountBreakpoints(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p => (p.Name == "cache_control" ? 1 : 0) + CountBreakpoints(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(CountBreakpoints),
        _ => 0,
    };

    private static IChatClient CreateClient(LoopbackHttpServer server, bool caching)
        => AnthropicChatClientFactory.Create(new AnthropicModelOptions
        {
            ModelId = "claude-test",
            ApiKey = "sk-ant-test-4f1c",
            BaseUrl = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(10),
            PromptCaching = caching,
        });
}
