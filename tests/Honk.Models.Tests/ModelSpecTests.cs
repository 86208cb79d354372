namespace Honk.Models.Tests;

public sealed class ModelSpecTests
{
    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5")]
    [InlineData("openai:gpt-5", "openai", "gpt-5")]
    [InlineData("OpenAI:gpt-4.1-mini", "openai", "gpt-4.1-mini")]
    [InlineData("  anthropic:claude-haiku-4-5  ", "anthropic", "claude-haiku-4-5")]
    public void Parse_ProviderAndModel_SplitsThem(string text, string provider, string model)
    {
        var spec = ModelSpec.Parse(text);

        Assert.Equal(provider, spec.Provider);
        Assert.Equal(model, spec.Model);
        Assert.Null(spec.BaseUrl);
        Assert.False(spec.IsScript);
    }

    [Fact]
    public void Parse_OpenAICompatible_SplitsModelAndBaseUrl()
    {
        var spec = ModelSpec.Parse("openai-compatible:qwen2.5-coder:7b@http://127.0.0.1:11434/v1");

        Assert.Equal(ModelSpec.OpenAICompatibleProvider, spec.Provider);
        Assert.Equal("qwen2.5-coder:7b", spec.Model);
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), spec.BaseUrl);
        Assert.Equal("openai-compatible:qwen2.5-coder:7b@http://127.0.0.1:11434/v1", spec.ToString());
    }

    [Fact]
    public void Parse_Script_KeepsThePath()
    {
        var spec = ModelSpec.Parse("script:./fixtures/fix-nre.json");

        Assert.True(spec.IsScript);
        Assert.Equal("./fixtures/fix-nre.json", spec.ScriptPath);
    }

    [Theory]
    [InlineData("anthropic:claude-opus-4-1")]
    [InlineData("openai:o4-mini")]
    [InlineData("openai-compatible:meta-llama/Llama-3.1-8B-Instruct@https://vllm.internal:8000/v1")]
    [InlineData("script:/tmp/a.json")]
    public void ToString_RoundTrips(string text) => Assert.Equal(text, ModelSpec.Parse(text).ToString());

    [Theory]
    [InlineData(null, "Invalid model")]
    [InlineData("", "Invalid model")]
    [InlineData("gpt-5", "Invalid model 'gpt-5'")]
    [InlineData("openai:", "is empty")]
    [InlineData("gemini:gemini-2.5-pro", "Unknown model provider 'gemini'")]
    [InlineData("openai-compatible:llama3.1", "needs <model>@<base-url>")]
    [InlineData("openai-compatible:llama3.1@ftp://host/v1", "needs <model>@<base-url>")]
    [InlineData("openai-compatible:@http://127.0.0.1:11434/v1", "needs <model>@<base-url>")]
    [InlineData("openai:gpt-5@http://127.0.0.1:8000/v1", "openai-compatible")]
    public void Parse_Invalid_ThrowsOneLineFormatExceptionNamingTheValidForms(string? text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ModelSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("anthropic:<model>", error.Message.Contains("needs", StringComparison.Ordinal) ? ModelSpec.ValidForms : error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(ModelSpec.TryParse(text, out _));
    }

    [Fact]
    public void Records_WithSameParts_AreEqual()
        => Assert.Equal(ModelSpec.Parse("openai:gpt-5"), ModelSpec.OpenAI("gpt-5"));
}
