using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Honk.Delivery.GitHub;

/// <summary>
/// GitHub's documented rate-limit rules: a <c>retry-after</c> header wins; otherwise <c>x-ratelimit-remaining: 0</c> means
/// wait until <c>x-ratelimit-reset</c> (UTC epoch seconds); otherwise a secondary limit without headers means wait at
/// least a minute, longer on each retry. A 403 that matches none of these is a permission problem, not a rate limit.
/// </summary>
internal static class GitHubRateLimit
{
    public static TimeSpan? GetDelay(HttpStatusCode status, HttpResponseHeaders headers, string? message, int attempt, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
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

    private static long? ReadLong(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
