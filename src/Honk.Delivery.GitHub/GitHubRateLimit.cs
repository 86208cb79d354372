using System.Globalization;
using System.Net;

namespace Honk.Delivery.GitHub;

/// <summary>
/// GitHub's documented rate-limit rules: a <c>retry-after</c> header wins; otherwise <c>x-ratelimit-remaining: 0</c> means
/// wait until <c>x-ratelimit-reset</c> (UTC epoch seconds); otherwise a secondary limit without headers means wait at
/// least a minute, longer on each retry. A 403 that matches none of these is a permission problem, not a rate limit.
/// </summary>
internal static class GitHubRateLimit
{
    public static TimeSpan? GetDelay(HttpStatusCode status, IReadOnlyDictionary<string, string> headers, string? message, int attempt, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (Header(headers, "retry-after") is { } retryAfter)
        {
            var delay = int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date - now : TimeSpan.Zero;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        if (ReadLong(headers, "x-ratelimit-remaining") == 0 && ReadLong(headers, "x-ratelimit-reset") is { } reset)
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(reset) - now + TimeSpan.FromSeconds(1);
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        var secondary = status == HttpStatusCode.TooManyRequests
            || (message?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) ?? false);
        return secondary ? TimeSpan.FromMinutes(1 << Math.Min(attempt, 6)) : null;
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
        => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static long? ReadLong(IReadOnlyDictionary<string, string> headers, string name)
        => long.TryParse(Header(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
