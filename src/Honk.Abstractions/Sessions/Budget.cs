namespace Honk;

/// <summary>
/// Limits on what one session may spend. A <see langword="null"/> limit means "no limit".
/// When any limit is hit the session ends with <see cref="SessionStatus.BudgetExceeded"/> and keeps the work done so far.
/// </summary>
public sealed record Budget
{
    /// <summary>Maximum number of model turns (one turn is one model response).</summary>
    public int? MaxTurns { get; init; }

    /// <summary>Maximum input tokens summed over all model calls, as reported by the provider.</summary>
    public long? MaxInputTokens { get; init; }

    /// <summary>Maximum output tokens summed over all model calls, as reported by the provider.</summary>
    public long? MaxOutputTokens { get; init; }

    /// <summary>Maximum cost in US dollars, computed from reported usage and the configured price table.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Maximum wall-clock time of the session.</summary>
    public TimeSpan? MaxWallTime { get; init; }

    /// <summary>Maximum number of tool calls over the whole session.</summary>
    public int? MaxToolCalls { get; init; }

    /// <summary>No limits at all. Useful in tests; dangerous with a paid model.</summary>
    public static Budget Unlimited { get; } = new();

    /// <summary>
    /// The defaults Honk uses when a task names no budget: 50 turns, 200 tool calls, 30 minutes, 5 USD.
    /// </summary>
    public static Budget Default { get; } = new()
    {
        MaxTurns = 50,
        MaxToolCalls = 200,
        MaxWallTime = TimeSpan.FromMinutes(30),
        MaxCostUsd = 5m,
    };

    /// <summary>Returns a budget whose every limit is the tighter of this one and <paramref name="other"/>.</summary>
    /// <param name="other">The other budget; <see langword="null"/> leaves this one unchanged.</param>
    /// <returns>The combined budget.</returns>
    public Budget Intersect(Budget? other)
    {
        if (other is null)
        {
            return this;
        }

        return new Budget
        {
            MaxTurns = Min(MaxTurns, other.MaxTurns),
            MaxInputTokens = Min(MaxInputTokens, other.MaxInputTokens),
            MaxOutputTokens = Min(MaxOutputTokens, other.MaxOutputTokens),
            MaxCostUsd = Min(MaxCostUsd, other.MaxCostUsd),
            MaxWallTime = Min(MaxWallTime, other.MaxWallTime),
            MaxToolCalls = Min(MaxToolCalls, other.MaxToolCalls),
        };
    }

    private static T? Min<T>(T? a, T? b)
        where T : struct, IComparable<T>
        => a is null ? b : b is null ? a : (a.Value.CompareTo(b.Value) <= 0 ? a : b);
}
