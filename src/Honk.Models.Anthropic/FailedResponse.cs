namespace Honk.Models.Anthropic;

/// <summary>What <see cref="ResponseHeadersCapture"/> saw of the last failed response.</summary>
internal sealed class FailedResponse
{
    public int? Status { get; set; }

    public TimeSpan? RetryAfter { get; set; }
}
