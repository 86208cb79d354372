using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Honk.Delivery.GitHub;

/// <summary>The request pipeline: GitHub's required headers, rate-limit waits, error documents.</summary>
public sealed partial class GitHubClient
{
    /// <summary>The REST API version Honk is written against, sent as <c>X-GitHub-Api-Version</c>.</summary>
    public const string ApiVersion = "2022-11-28";

    private async Task<GitHubResponse> SendAsync(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), GitHubJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            using var request = CreateRequest(method, uri, json);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links) : null;
                return new GitHubResponse(text, next);
            }

            var status = (int)response.StatusCode;
            var (message, errors) = GitHubJson.ReadError(text);
            var what = $"{method.Method} {uri.AbsolutePath}";
            if (GitHubRateLimit.GetDelay(response.StatusCode, response.Headers, message, attempt - 1, _time.GetUtcNow()) is { } delay)
            {
                if (attempt > _options.MaxRateLimitRetries || delay > _options.MaxRateLimitWait)
                {
                    var why = delay > _options.MaxRateLimitWait
                        ? $"it asks to wait {Format(delay)}, longer than the allowed {Format(_options.MaxRateLimitWait)}"
                        : $"it was still limited after {_options.MaxRateLimitRetries} retries";
                    throw new GitHubApiException($"GitHub rate limit on {what} ({status}: {message ?? "rate limited"}): {why}.")
                    {
                        StatusCode = status,
                        GitHubMessage = message,
                        Errors = errors,
                        IsRateLimited = true,
                        RetryAfter = delay,
                    };
                }

                Log.RateLimited(_logger, method.Method, uri.AbsolutePath, status, delay, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var detail = errors.Count == 0 ? "" : " (" + string.Join("; ", errors) + ")";
            throw new GitHubApiException($"GitHub answered {status} to {what}: {message ?? response.ReasonPhrase ?? "no message"}{detail}")
            {
                StatusCode = status,
                GitHubMessage = message,
                Errors = errors,
            };
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, string? json)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (!string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Format(TimeSpan delay) => delay.TotalSeconds < 120 ? $"{Math.Ceiling(delay.TotalSeconds)} s" : $"{Math.Ceiling(delay.TotalMinutes)} min";

    private sealed record GitHubResponse(string Body, Uri? Next);
}
