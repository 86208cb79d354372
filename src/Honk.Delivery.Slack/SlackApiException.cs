namespace Honk.Delivery.Slack;

/// <summary>Slack refused a message: <c>{"ok": false, "error": "channel_not_found"}</c>, a webhook's error text, or a rate limit that did not clear.</summary>
public sealed class SlackApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlackApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed (never containing the token or the webhook URL).</param>
    public SlackApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>, <c>invalid_auth</c>, <c>ratelimited</c>, <c>invalid_payload</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>How long Slack asked to wait, when the call failed on a rate limit.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
