using Honk.Models;

namespace Honk;

/// <summary>Host-wide settings of Honk, bound from configuration or set in <c>AddHonk(options => ...)</c>.</summary>
public sealed class HonkOptions
{
    /// <summary>The loop's behaviour (budgets, caps, retries, rounds).</summary>
    public AgentLoopOptions Loop { get; set; } = new();

    /// <summary>The model id sent to the provider and used for pricing.</summary>
    public string? ModelId { get; set; }

    /// <summary>Prices per model for the cost budget. Default: empty (cost 0).</summary>
    public ModelPriceTable Prices { get; set; } = ModelPriceTable.Empty;

    /// <summary>The system prompt; Honk's default when <see langword="null"/>.</summary>
    public string? Instructions { get; set; }
}
