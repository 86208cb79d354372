using System.Globalization;

namespace Honk.Models;

/// <summary>
/// Reads how long a provider asked the caller to wait before retrying: <c>retry-after-ms</c> (OpenAI, Azure) wins over
/// <c>retry-after</c>, which is either seconds or an HTTP date. Model adapters put the result on
/// <see cref="ModelProviderException.RetryAfter"/>.
/// </summary>
public static class RetryAfterParser
{
    /// <summary>Parses the two headers.</summary>
    /// <param name="retryAfterMilliseconds">The <c>retry-after-ms</c> header value, when present.</param>
    /// <param name="retryAfter">The <c>retry-after</c> header value, when present.</param>
    /// <param name="now">The current time, for an HTTP-date value.</param>
    /// <returns>The delay (never negative), or <see langword="null"/> when neither header holds a usable value.</returns>
    public static TimeSpan? Parse(string? retryAfterMilliseconds, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMilliseconds?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && double.IsFinite(ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var value = retryAfter?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
