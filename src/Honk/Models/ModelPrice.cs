namespace Honk.Models;

/// <summary>The price of a model in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Price of one million input tokens.</param>
/// <param name="OutputPerMillion">Price of one million output tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>Price of one million cached input tokens; the input price when <see langword="null"/>.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    /// <summary>
    /// Price of one million input tokens written to the prompt cache (Anthropic bills a 5-minute cache write at 1.25x
    /// input); the input price when <see langword="null"/>.
    /// </summary>
    public decimal? CacheWriteInputPerMillion { get; init; }

    /// <summary>Computes the cost of one call.</summary>
    /// <param name="inputTokens">Input tokens, including cached ones and cache writes.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The part of <paramref name="inputTokens"/> read from the prompt cache.</param>
    /// <param name="cacheWriteInputTokens">The part of <paramref name="inputTokens"/> written to the prompt cache.</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal Cost(long inputTokens, long outputTokens, long cachedInputTokens = 0, long cacheWriteInputTokens = 0)
    {
        var input = Math.Max(inputTokens, 0);
        var cached = Math.Clamp(cachedInputTokens, 0, input);
        var written = Math.Clamp(cacheWriteInputTokens, 0, input - cached);
        var fresh = input - cached - written;
        return ((fresh * InputPerMillion)
            + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (written * (CacheWriteInputPerMillion ?? InputPerMillion))
            + (Math.Max(outputTokens, 0) * OutputPerMillion)) / 1_000_000m;
    }
}
