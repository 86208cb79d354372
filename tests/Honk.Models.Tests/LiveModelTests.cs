using Honk.Models.Anthropic;
using Honk.Models.OpenAI;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

/// <summary>
/// One tiny real call per provider, so a user with a key can prove the wiring on their machine. Skipped unless
/// <c>ANTHROPIC_API_KEY</c> / <c>OPENAI_API_KEY</c> are set; <c>HONK_LIVE_ANTHROPIC_MODEL</c> / <c>HONK_LIVE_OPENAI_MODEL</c>
/// choose the model (default: the cheapest current one).
/// </summary>
public sealed class LiveModelTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Anthropic_TinyToolCall_Works()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AnthropicChatClientFactory.ApiKeyVariable)), "ANTHROPIC_API_KEY is not set.");
        var model = Environment.GetEnvironmentVariable("HONK_LIVE_ANTHROPIC_MODEL") ?? "claude-haiku-4-5";
        using var client = AnthropicChatClientFactory.CreateFromEnvironment(ModelSpec.Anthropic(model));

        await AssertToolCallAsync(client);
    }

    [Fact(Timeout = 120_000)]
    public async Task OpenAI_TinyToolCall_Works()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OpenAIChatClientFactory.ApiKeyVariable)), "OPENAI_API_KEY is not set.");
        var model = Environment.GetEnvironmentVariable("HONK_LIVE_OPENAI_MODEL") ?? "gpt-5-nano";
        using var client = OpenAIChatClientFactory.CreateFromEnvironment(ModelSpec.OpenAI(model));

        await AssertToolCallAsync(client);
    }

    private static async Task AssertToolCallAsync(IChatClient client)
    {
        var tool = AIFunctionFactory.Create((string path) => "1: hello", "read_file", "Reads a file.");
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 2000 };

        var response = await client.GetStreamingResponseAsync([new(ChatRole.User, "Read README.md with the read_file tool.")], options, Token).ToChatResponseAsync(Token);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Null(call.Exception);
        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.True(response.Usage?.OutputTokenCount > 0);
    }
}
