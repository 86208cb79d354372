using System.ClientModel;
using System.Text.Json;

namespace Honk.Models.OpenAI;

/// <summary>Turns the SDK's failures into <see cref="ModelProviderException"/>, the shape the agent loop retries on.</summary>
internal static class OpenAIErrors
{
    public static ModelProviderException FromClientResult(ClientResultException exception, string provider, TimeProvider time)
    {
        var response = exception.GetRawResponse();
        var status = exception.Status;
        TimeSpan? retryAfter = null;
        string? detail = null;
        if (response is not null)
        {
            response.Headers.TryGetValue("retry-after-ms", out var retryAfterMs);
            response.Headers.TryGetValue("retry-after", out var retryAfterHeader);
            retryAfter = RetryAfterParser.Parse(retryAfterMs, retryAfterHeader, time.GetUtcNow());
            detail = ReadErrorMessage(response);
        }

        var message = status > 0
            ? $"The {provider} model call failed with HTTP {status}{(string.IsNullOrWhiteSpace(response?.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}{(detail is null ? "" : ": " + detail)}"
            : $"The {provider} model call failed on the network: {exception.Message}";
        return new ModelProviderException(message, exception)
        {
            StatusCode = status > 0 ? status : null,
            RetryAfter = retryAfter,
            IsTransient = status <= 0 || ModelProviderException.IsTransientStatus(status),
        };
    }

    public static ModelProviderException FromTransport(Exception exception, string provider)
        => new($"The {provider} model call failed on the network: {exception.Message}", exception) { IsTransient = true };

    public static ModelProviderException FromUnreadable(Exception exception, string provider)
        => new($"The {provider} server sent a response that is not valid Chat Completions JSON: {exception.Message}", exception);

    public static ModelProviderException Incomplete(string provider, bool midToolCall)
        => new($"The {provider} response stream ended before the model finished{(midToolCall ? ", in the middle of a tool call" : "")} (no finish_reason).")
        {
            IsTransient = true,
        };

    // A server may echo the key in its error body (OpenAI masks it; others may not). Then the SDK's exception, which
    // quotes the body, is left out: a key must never reach a log through an exception chain.
    public static ModelProviderException Redact(ModelProviderException exception, string? apiKey)
    {
        if (apiKey is null || !exception.ToString().Contains(apiKey, StringComparison.Ordinal))
        {
            return exception;
        }

        return new ModelProviderException(exception.Message.Replace(apiKey, "[redacted]", StringComparison.Ordinal))
        {
            StatusCode = exception.StatusCode,
            RetryAfter = exception.RetryAfter,
            IsTransient = exception.IsTransient,
        };
    }

    public static bool IsTransport(Exception exception) => exception is HttpRequestException or IOException or TimeoutException;

    // The body of an OpenAI error is {"error":{"message":...}}; other servers send plain text. Bounded: it ends up in logs.
    private static string? ReadErrorMessage(System.ClientModel.Primitives.PipelineResponse response)
    {
        string text;
        try
        {
            text = response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString() ?? text
                    : error.ValueKind == JsonValueKind.String ? error.GetString() ?? text : text;
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the text as it is.
        }

        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
