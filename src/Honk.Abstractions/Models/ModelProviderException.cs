namespace Honk;

/// <summary>
/// A model provider's error in a form the agent loop understands: the HTTP status, whether retrying may help, and how
/// long the provider asked to wait (<c>Retry-After</c>). Model adapters throw it; the loop backs off and retries
/// transient ones (429, 408, 5xx, cut streams) within its bounds.
/// </summary>
public class ModelProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelProviderException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed (never containing an API key).</param>
    public ModelProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed (never containing an API key).</param>
    /// <param name="innerException">The cause.</param>
    public ModelProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code, when the provider answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The delay the provider asked for (Retry-After, retry-after-ms), when it named one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when retrying the same call may succeed (rate limits, overload, server errors, cut streams).</summary>
    public bool IsTransient { get; init; }

    /// <summary>Whether an HTTP status is worth retrying: 408, 409, 425, 429, 500 and above (529 "overloaded" included).</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns><see langword="true"/> for transient statuses.</returns>
    public static bool IsTransientStatus(int statusCode) => statusCode is 408 or 409 or 425 or 429 or >= 500;
}
