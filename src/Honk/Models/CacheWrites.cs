using Microsoft.Extensions.AI;

namespace Honk.Models;

/// <summary>
/// Reads the prompt-cache writes a provider reported. <see cref="UsageDetails"/> has no field for them, so providers put
/// them in <see cref="UsageDetails.AdditionalCounts"/>; the Anthropic SDK's <c>IChatClient</c> uses
/// <see cref="AdditionalCountKey"/>, and Honk's own adapters follow it.
/// </summary>
public static class CacheWrites
{
    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of the input tokens written to the prompt cache.</summary>
    public const string AdditionalCountKey = "CacheCreationInputTokens";

    /// <summary>The input tokens written to the prompt cache; 0 when none were reported.</summary>
    /// <param name="usage">The reported usage.</param>
    /// <returns>The count.</returns>
    public static long Of(UsageDetails? usage)
        => usage?.AdditionalCounts is { } counts && counts.TryGetValue(AdditionalCountKey, out var written) ? Math.Max(written, 0) : 0;
}
