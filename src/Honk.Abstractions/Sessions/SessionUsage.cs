namespace Honk;

/// <summary>Tokens and money a session spent, summed from the provider's reported usage.</summary>
/// <param name="InputTokens">Input (prompt) tokens, including cached ones.</param>
/// <param name="OutputTokens">Output (completion) tokens.</param>
/// <param name="CostUsd">Cost in US dollars from the configured price table; 0 when the model has no price.</param>
public sealed record SessionUsage(long InputTokens, long OutputTokens, decimal CostUsd)
{
    /// <summary>Input tokens the provider served from its prompt cache (a subset of <see cref="InputTokens"/>).</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Input tokens the provider wrote to its prompt cache (a subset of <see cref="InputTokens"/>).</summary>
    public long CacheWriteInputTokens { get; init; }

    /// <summary>No usage.</summary>
    public static SessionUsage Zero { get; } = new(0, 0, 0m);

    /// <summary>Adds two usages.</summary>
    /// <param name="left">The first usage.</param>
    /// <param name="right">The second usage.</param>
    /// <returns>The sum.</returns>
    public static SessionUsage operator +(SessionUsage left, SessionUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens, left.CostUsd + right.CostUsd)
        {
            CachedInputTokens = left.CachedInputTokens + right.CachedInputTokens,
            CacheWriteInputTokens = left.CacheWriteInputTokens + right.CacheWriteInputTokens,
        };
    }

    /// <summary>Adds two usages.</summary>
    /// <param name="other">The usage to add.</param>
    /// <returns>The sum.</returns>
    public SessionUsage Add(SessionUsage other) => this + other;
}
