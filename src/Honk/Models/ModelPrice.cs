namespace Honk.Models;

/// <summary>The price of a model in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Price of one million input tokens.</param>
/// <param name="OutputPerMillion">Price of one million output tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>Price of one million cached input tokens; the input price when <see langword="null"/>.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    /// <summary>Computes the cost of one call.</summary>
    /// <param name="inputTokens">Input tokens, including cached ones.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The cached part of <paramref name="inputTokens"/>.</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal Cost(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, Math.Max(inputTokens, 0));
        var fresh = Math.Max(inputTokens - cached, 0);
        return ((fresh * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion)) + (Math.Max(outputTokens, 0) * OutputPerMillion)) / 1_000_000m;
    }
}
