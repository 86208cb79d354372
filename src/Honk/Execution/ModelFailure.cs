using System.Reflection;

namespace Honk.Execution;

/// <summary>
/// Decides whether a failed model call is worth retrying and how long to wait. Adapters should throw
/// <see cref="ModelProviderException"/>; for any other <see cref="Microsoft.Extensions.AI.IChatClient"/> the common shapes are recognised too
/// (<see cref="HttpRequestException"/>, timeouts, cut streams, and SDK exceptions exposing an integer <c>Status</c>).
/// </summary>
internal readonly record struct ModelFailure(bool IsTransient, TimeSpan? RetryAfter, string Reason)
{
    public static ModelFailure Classify(Exception exception)
    {
        switch (exception)
        {
            case ModelProviderException provider:
                return new(provider.IsTransient || (provider.StatusCode is { } s && ModelProviderException.IsTransientStatus(s)), provider.RetryAfter, Describe(provider.StatusCode, provider.Message));
            case HttpRequestException http:
                return new(http.StatusCode is null || ModelProviderException.IsTransientStatus((int)http.StatusCode), RetryAfterFromData(http), Describe((int?)http.StatusCode, http.Message));
            case TimeoutException or IOException:
                return new(true, null, exception.Message);
            case TaskCanceledException:
                // Not our token (the caller checks that first): an HTTP client timeout.
                return new(true, null, "the model call timed out");
        }

        if (StatusOf(exception) is { } status)
        {
            return new(ModelProviderException.IsTransientStatus(status), RetryAfterFromData(exception), Describe(status, exception.Message));
        }

        return exception.InnerException is { } inner ? Classify(inner) with { Reason = exception.Message } : new(false, null, exception.Message);
    }

    private static string Describe(int? status, string message) => status is null ? message : $"HTTP {status}: {message}";

    private static TimeSpan? RetryAfterFromData(Exception exception)
        => exception.Data["Retry-After"] switch
        {
            TimeSpan span => span,
            int seconds => TimeSpan.FromSeconds(seconds),
            string text when double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            _ => null,
        };

    // SDKs built on System.ClientModel (OpenAI) expose `int Status`; others `StatusCode`. Read it without referencing them.
    private static int? StatusOf(Exception exception)
    {
        foreach (var name in new[] { "Status", "StatusCode" })
        {
            var property = exception.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            var value = property?.GetValue(exception);
            switch (value)
            {
                case int i when i > 0:
                    return i;
                case System.Net.HttpStatusCode code:
                    return (int)code;
            }
        }

        return null;
    }
}
