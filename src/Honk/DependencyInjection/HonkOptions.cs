using Honk.Models;

namespace Honk;

/// <summary>Host-wide settings of Honk, bound from configuration (<c>AddHonk(configuration)</c>) or set in <c>AddHonk(options => ...)</c>.</summary>
public sealed class HonkOptions
{
    /// <summary>The configuration section <c>AddHonk(IConfiguration)</c> binds: <c>Honk</c>.</summary>
    public const string SectionName = "Honk";

    /// <summary>
    /// The keys of the <c>Honk</c> section that bind to these options (<c>Model</c>, <c>ModelId</c>,
    /// <c>ModelChosenPerSession</c>, <c>Instructions</c>, <c>Loop</c>, <c>Prices</c>). A host that keeps its own
    /// settings in the same section (<c>honk serve</c>) passes only these to <c>AddHonk(IConfiguration)</c>.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } = ["Model", "ModelId", "ModelChosenPerSession", "Instructions", "Loop", "Prices"];

    /// <summary>The loop's behaviour (budgets, caps, retries, rounds).</summary>
    public AgentLoopOptions Loop { get; set; } = new();

    /// <summary>
    /// The default model as a spec (<c>anthropic:claude-sonnet-4-5</c>, <c>script:fix.json</c>…), created per session by
    /// the registered <see cref="IModelFactory"/>s. Used when neither the session nor <c>WithChatClient</c> gives one.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>
    /// Every session names its own model (<see cref="HonkRunOptions.Model"/> or <see cref="HonkRunOptions.ModelSpec"/>),
    /// so the startup check does not ask for a default one. Default false.
    /// </summary>
    public bool ModelChosenPerSession { get; set; }

    /// <summary>The model id sent to the provider and used for pricing, when the model is a client rather than a spec.</summary>
    public string? ModelId { get; set; }

    /// <summary>Prices per model for the cost budget. Default: <see cref="ModelPriceTable.Default"/> (current public prices).</summary>
    public ModelPriceTable Prices { get; set; } = ModelPriceTable.Default;

    /// <summary>Price overrides by model id, applied over <see cref="Prices"/> (configuration: <c>Honk:Prices:&lt;model&gt;:Input</c>…).</summary>
    public IDictionary<string, ModelPriceSetting> PriceOverrides { get; } = new Dictionary<string, ModelPriceSetting>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The system prompt; Honk's default (or the standard prompt, with <c>AddStandardPrompt()</c>) when <see langword="null"/>.</summary>
    public string? Instructions { get; set; }

    /// <summary>The price table sessions use: <see cref="Prices"/> with <see cref="PriceOverrides"/> applied.</summary>
    /// <returns>The table.</returns>
    internal ModelPriceTable EffectivePrices() => PriceOverrides.Count == 0 ? Prices : Prices.WithOverrides(PriceOverrides);
}
