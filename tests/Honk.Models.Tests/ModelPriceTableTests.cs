using Microsoft.Extensions.Configuration;

namespace Honk.Models.Tests;

public sealed class ModelPriceTableTests
{
    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", 3, 15)]
    [InlineData("anthropic:claude-sonnet-4-5", 3, 15)]
    [InlineData("claude-opus-4-1-20250805", 15, 75)]
    [InlineData("claude-opus-4-20250514", 15, 75)]
    [InlineData("claude-opus-4-5", 5, 25)]
    [InlineData("claude-haiku-4-5-20251001", 1, 5)]
    [InlineData("gpt-5", 1.25, 10)]
    [InlineData("gpt-5-mini-2025-08-07", 0.25, 2)]
    [InlineData("gpt-5-nano", 0.05, 0.40)]
    [InlineData("gpt-4.1-2025-04-14", 2, 8)]
    [InlineData("gpt-4.1-mini", 0.40, 1.60)]
    [InlineData("gpt-4o-2024-08-06", 2.50, 10)]
    [InlineData("gpt-4o-mini", 0.15, 0.60)]
    [InlineData("o3", 2, 8)]
    [InlineData("o3-pro", 20, 80)]
    [InlineData("o4-mini-2025-04-16", 1.10, 4.40)]
    public void Default_KnownModels_HaveTheirListPrice(string model, double input, double output)
    {
        Assert.True(ModelPriceTable.Default.TryGetPrice(model, out var price));
        Assert.Equal((decimal)input, price.InputPerMillion);
        Assert.Equal((decimal)output, price.OutputPerMillion);
    }

    [Fact]
    public void Default_CachedInput_IsCheaperForEveryModelThatHasIt()
    {
        Assert.All(ModelPriceTable.Default.Prices, entry =>
            Assert.True(entry.Value.CachedInputPerMillion is null || entry.Value.CachedInputPerMillion < entry.Value.InputPerMillion, entry.Key));
    }

    [Fact]
    public void Cost_WithCachedTokens_UsesTheCachedPrice()
    {
        // gpt-5: 1.25 input, 0.125 cached, 10 output per million.
        var cost = ModelPriceTable.Default.Cost("gpt-5", inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 800_000);

        Assert.Equal((200_000 * 1.25m + 800_000 * 0.125m + 100_000 * 10m) / 1_000_000m, cost);
    }

    [Fact]
    public void Default_UnknownModel_HasNoPrice()
    {
        Assert.False(ModelPriceTable.Default.TryGetPrice("llama3.1:8b", out _));
        Assert.Equal(0m, ModelPriceTable.Default.Cost("llama3.1:8b", 1000, 1000));
    }

    [Fact]
    public void WithOverrides_BoundFromConfiguration_AddsAndReplacesPrices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Honk:Prices:gpt-5:Input"] = "1",
            ["Honk:Prices:gpt-5:Output"] = "8",
            ["Honk:Prices:llama3.1:Input"] = "0.1",
            ["Honk:Prices:llama3.1:Output"] = "0.2",
            ["Honk:Prices:llama3.1:CachedInput"] = "0.05",
        }).Build();
        var overrides = configuration.GetSection("Honk:Prices").Get<Dictionary<string, ModelPriceSetting>>();

        var table = ModelPriceTable.Default.WithOverrides(overrides);

        Assert.True(table.TryGetPrice("gpt-5-2025-08-07", out var gpt5));
        Assert.Equal(new ModelPrice(1m, 8m), gpt5);
        Assert.True(table.TryGetPrice("llama3.1:8b", out var llama));
        Assert.Equal(0.05m, llama.CachedInputPerMillion);
        Assert.True(table.TryGetPrice("claude-opus-4-5", out _));
        Assert.True(ModelPriceTable.Default.TryGetPrice("gpt-5", out var unchanged));
        Assert.Equal(1.25m, unchanged.InputPerMillion);
    }

    [Fact]
    public void WithOverrides_MissingOutput_ThrowsNamingTheModel()
    {
        var error = Assert.Throws<FormatException>(() => ModelPriceTable.Default.WithOverrides(
            new Dictionary<string, ModelPriceSetting> { ["my-model"] = new() { Input = 1m } }));

        Assert.Contains("my-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOverrides_NullOrEmpty_ReturnsSameTable()
    {
        Assert.Same(ModelPriceTable.Default, ModelPriceTable.Default.WithOverrides(null));
        Assert.Same(ModelPriceTable.Default, ModelPriceTable.Default.WithOverrides([]));
    }
}
