using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>Every Octokit call goes through here: cancellation, bounded rate-limit waits, Honk's exception.</summary>
public sealed partial class GitHubClient
{
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Octo.ApiException failure;
            var outer = GitHubHttpHandler.Current;
            GitHubHttpHandler.Current = cancellationToken;
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Octo.ApiException ex)
            {
                failure = ex;
            }
            finally
            {
                GitHubHttpHandler.Current = outer;
            }

            var status = (int)failure.StatusCode;
            var message = failure.ApiError?.Message is { Length: > 0 } m ? m : null;
            var errors = Errors(failure);
            var headers = failure.HttpResponse?.Headers ?? new Dictionary<string, string>();
            if (GitHubRateLimit.GetDelay(failure.StatusCode, headers, message, attempt - 1, _time.GetUtcNow()) is { } delay)
            {
                if (attempt > _options.MaxRateLimitRetries || delay > _options.MaxRateLimitWait)
                {
                    var why = delay > _options.MaxRateLimitWait
                        ? $"it asks to wait {Format(delay)}, longer than the allowed {Format(_options.MaxRateLimitWait)}"
                        : $"it was still limited after {_options.MaxRateLimitRetries} retries";
                    throw new GitHubApiException($"GitHub rate limit on {what} ({status}: {message ?? "rate limited"}): {why}.", failure)
                    {
                        StatusCode = status,
                        GitHubMessage = message,
                        Errors = errors,
                        IsRateLimited = true,
                        RetryAfter = delay,
                    };
                }

                Log.RateLimited(_logger, what, status, delay, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var detail = errors.Count == 0 ? "" : " (" + string.Join("; ", errors) + ")";
            throw new GitHubApiException($"GitHub answered {status} to {what}: {message ?? failure.StatusCode.ToString()}{detail}", failure)
            {
                StatusCode = status,
                GitHubMessage = message,
                Errors = errors,
            };
        }
    }

    /// <summary>GitHub's <c>errors</c> array: each item's message, or (without one) its resource, field and code.</summary>
    private static IReadOnlyList<string> Errors(Octo.ApiException failure)
        => failure.ApiError?.Errors is not { } items
            ? []
            : [.. items
                .Select(e => !string.IsNullOrWhiteSpace(e.Message)
                    ? e.Message
                    : string.Join(' ', new[] { e.Resource, e.Field, e.Code }.Where(p => !string.IsNullOrEmpty(p))))
                .Where(text => text.Length > 0)];

    private static string Format(TimeSpan delay) => delay.TotalSeconds < 120 ? $"{Math.Ceiling(delay.TotalSeconds)} s" : $"{Math.Ceiling(delay.TotalMinutes)} min";
}
