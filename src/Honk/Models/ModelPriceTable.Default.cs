namespace Honk.Models;

/// <content>The built-in list prices.</content>
public sealed partial class ModelPriceTable
{
    /// <summary>
    /// List prices (US dollars per million tokens, standard tier, no batch discount) of Anthropic's and OpenAI's current
    /// public models, checked on 2026-11-21 (see <c>docs/models.md</c>). Keys are id prefixes, so dated snapshots
    /// (<c>claude-sonnet-4-5-20250929</c>, <c>gpt-4.1-2025-04-14</c>) find their family's price. Prices change:
    /// override them in configuration rather than trusting this table for billing.
    /// </summary>
    /// <remarks>
    /// Anthropic's cache writes are priced as 5-minute writes (1.25x input; Honk's breakpoints use the default 5-minute
    /// lifetime). Not modelled: 1-hour writes (2x), long-context surcharges, and Haiku 5.5's price band above 100,000
    /// prompt tokens.
    /// </remarks>
    public static ModelPriceTable Default { get; } = new(new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        // Anthropic: https://platform.claude.com/docs/en/about-claude/pricing (cache hits = cached input).
        ["claude-opus-4"] = Claude(15m, 75m, 1.50m),
        ["claude-opus-4-1"] = Claude(15m, 75m, 1.50m),
        ["claude-opus-4-5"] = Claude(5m, 25m, 0.50m),
        ["claude-opus-4-6"] = Claude(5m, 25m, 0.50m),
        ["claude-opus-4-7"] = Claude(5m, 25m, 0.50m),
        ["claude-opus-4-8"] = Claude(5m, 25m, 0.50m),
        ["claude-opus-5"] = Claude(5m, 25m, 0.50m),
        ["claude-opus-5-5"] = Claude(4m, 20m, 0.20m),
        ["claude-sonnet-4"] = Claude(3m, 15m, 0.30m),
        ["claude-sonnet-5"] = Claude(2m, 10m, 0.20m),
        ["claude-sonnet-5-5"] = Claude(2m, 10m, 0.10m),
        ["claude-haiku-4-5"] = Claude(1m, 5m, 0.10m),
        ["claude-haiku-5-5"] = Claude(0.10m, 0.50m, 0.01m),
        ["claude-3-5-haiku"] = Claude(0.80m, 4m, 0.08m),

        // OpenAI: https://developers.openai.com/api/docs/pricing (standard processing).
        ["gpt-5"] = Price(1.25m, 10m, 0.125m),
        ["gpt-5-mini"] = Price(0.25m, 2m, 0.025m),
        ["gpt-5-nano"] = Price(0.05m, 0.40m, 0.005m),
        ["gpt-5-codex"] = Price(1.25m, 10m, 0.125m),
        ["gpt-5-pro"] = Price(15m, 120m, null),
        ["gpt-5.1"] = Price(1.25m, 10m, 0.125m),
        ["gpt-5.2"] = Price(1.75m, 14m, 0.175m),
        ["gpt-5.4"] = Price(2.50m, 15m, 0.25m),
        ["gpt-5.4-mini"] = Price(0.75m, 4.50m, 0.075m),
        ["gpt-5.4-nano"] = Price(0.20m, 1.25m, 0.02m),
        ["gpt-5.5"] = Price(5m, 30m, 0.50m),
        ["gpt-4.1"] = Price(2m, 8m, 0.50m),
        ["gpt-4.1-mini"] = Price(0.40m, 1.60m, 0.10m),
        ["gpt-4.1-nano"] = Price(0.10m, 0.40m, 0.025m),
        ["gpt-4o"] = Price(2.50m, 10m, 1.25m),
        ["gpt-4o-mini"] = Price(0.15m, 0.60m, 0.075m),
        ["o3"] = Price(2m, 8m, 0.50m),
        ["o3-mini"] = Price(1.10m, 4.40m, 0.55m),
        ["o3-pro"] = Price(20m, 80m, null),
        ["o4-mini"] = Price(1.10m, 4.40m, 0.275m),
    });

    private static ModelPrice Price(decimal input, decimal output, decimal? cachedInput)
        => new(input, output) { CachedInputPerMillion = cachedInput };

    // Anthropic bills cache reads as cached input and 5-minute cache writes at 1.25x the input price.
    private static ModelPrice Claude(decimal input, decimal output, decimal cachedInput)
        => new(input, output) { CachedInputPerMillion = cachedInput, CacheWriteInputPerMillion = input * 1.25m };
}
