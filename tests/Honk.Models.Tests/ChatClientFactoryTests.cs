using Honk.Models.Anthropic;
using Honk.Models.OpenAI;
using Honk.Models.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests;

public sealed class ChatClientFactoryTests
{
    private const string OpenAIKey = "sk-proj-factory-5d1e9a";
    private const string AnthropicKey = "sk-ant-factory-c4b7e2";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void OpenAI_MissingKey_ThrowsOneLineErrorNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OpenAIChatClientFactory.Create(ModelSpec.Parse("openai:gpt-5"), new Dictionary<string, string?>()));

        Assert.StartsWith("OPENAI_API_KEY is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Anthropic_MissingKey_ThrowsOneLineErrorNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AnthropicChatClientFactory.Create(ModelSpec.Parse("anthropic:claude-sonnet-4-5"), new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = " " }));

        Assert.StartsWith("ANTHROPIC_API_KEY is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_OtherProvider_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OpenAIChatClientFactory.Create(ModelSpec.Parse("anthropic:claude-sonnet-4-5"), new Dictionary<string, string?>()));
        Assert.Throws<ArgumentException>(() => AnthropicChatClientFactory.Create(ModelSpec.Parse("script:a.json"), new Dictionary<string, string?>()));
        Assert.False(OpenAIChatClientFactory.Handles(ModelSpec.Parse("script:a.json")));
        Assert.True(AnthropicChatClientFactory.Handles(ModelSpec.Parse("anthropic:x")));
    }

    [Fact]
    public void OpenAI_Settings_AreReadAndTheKeyNeverShows()
    {
        var options = OpenAIChatClientFactory.CreateOptions(ModelSpec.Parse("openai:gpt-5"), new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = OpenAIKey,
            ["OPENAI_BASE_URL"] = "https://gateway.example/v1",
            ["OPENAI_ORG_ID"] = "org-1",
            ["HONK_MAX_OUTPUT_TOKENS"] = "16000",
        });
        using var client = new OpenAIChatClient(options);

        Assert.Equal(new Uri("https://gateway.example/v1"), options.Endpoint);
        Assert.Equal("org-1", options.Organization);
        Assert.Equal(16000, options.DefaultMaxOutputTokens);
        Assert.Equal(0, options.MaxRetries);
        Assert.DoesNotContain(OpenAIKey, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_MalformedSetting_ThrowOneLineError()
    {
        var settings = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = OpenAIKey, ["ANTHROPIC_API_KEY"] = AnthropicKey, ["HONK_MAX_OUTPUT_TOKENS"] = "lots" };

        Assert.Contains("HONK_MAX_OUTPUT_TOKENS", Assert.Throws<InvalidOperationException>(() => OpenAIChatClientFactory.Create(ModelSpec.Parse("openai:gpt-5"), settings)).Message, StringComparison.Ordinal);
        Assert.Contains("HONK_MAX_OUTPUT_TOKENS", Assert.Throws<InvalidOperationException>(() => AnthropicChatClientFactory.Create(ModelSpec.Parse("anthropic:claude-haiku-4-5"), settings)).Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenAICompatible_NoKey_WorksAndNeverSendsTheOpenAIKey()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        var spec = ModelSpec.Parse($"openai-compatible:llama3.1@{new Uri(server.BaseUri, "v1")}");
        using var client = OpenAIChatClientFactory.Create(spec, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = OpenAIKey });

        var response = await client.GetResponseAsync([new(ChatRole.User, "hi")], cancellationToken: Token);

        Assert.Equal("ok", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("llama3.1", request.Json().GetProperty("model").GetString());
        Assert.DoesNotContain(OpenAIKey, request.RawHead, StringComparison.Ordinal);
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("openai-compatible", client.GetService<ChatClientMetadata>()?.ProviderName);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenAICompatible_WithCompatibleKey_SendsIt()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop")));
        var spec = ModelSpec.OpenAICompatible("served-model", new Uri(server.BaseUri, "v1"));
        using var client = OpenAIChatClientFactory.Create(spec, new Dictionary<string, string?> { ["OPENAI_COMPATIBLE_API_KEY"] = "vllm-token" });

        await client.GetResponseAsync([new(ChatRole.User, "hi")], cancellationToken: Token);

        Assert.Equal("Bearer vllm-token", Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Anthropic_BaseUrlSetting_SendsRequestsThere()
    {
        await using var server = new LoopbackHttpServer(LoopbackResponse.Json(AnthropicWire.Message([new { type = "text", text = "ok" }], "end_turn")));
        using var client = AnthropicChatClientFactory.Create(ModelSpec.Parse("anthropic:claude-haiku-4-5"), new Dictionary<string, string?>
        {
            ["ANTHROPIC_API_KEY"] = AnthropicKey,
            ["ANTHROPIC_BASE_URL"] = server.BaseUri.ToString(),
            ["HONK_MAX_OUTPUT_TOKENS"] = "2048",
        });

        var response = await client.GetResponseAsync([new(ChatRole.User, "hi")], cancellationToken: Token);

        Assert.Equal("ok", response.Text);
        var body = Assert.Single(server.Requests).Json();
        Assert.Equal("claude-haiku-4-5", body.GetProperty("model").GetString());
        Assert.Equal(2048, body.GetProperty("max_tokens").GetInt32());
        Assert.DoesNotContain(AnthropicKey, client.ToString(), StringComparison.Ordinal);
    }
}
