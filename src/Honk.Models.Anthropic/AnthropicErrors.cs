using System.Text.Json;
using Anthropic.Exceptions;

namespace Honk.Models.Anthropic;

/// <summary>Turns the Anthropic SDK's failures into <see cref="ModelProviderException"/>, the shape the agent loop retries on.</summary>
internal static class AnthropicErrors
{
    private const string Provider = "anthropic";

    public static ModelProviderException Translate(Exception exception, FailedResponse response, string? apiKey)
    {
        var translated = exception switch
        {
            AnthropicApiException api => FromStatus(api, (int)api.StatusCode, response),
            AnthropicServiceException service => FromErrorEvent(service),
            AnthropicIOException or HttpRequestException or IOException => Network(exception),
            TimeoutException or OperationCanceledException => Network(new TimeoutException("The request timed out.", exception)),
            _ => new ModelProviderException($"The {Provider} server sent a response that is not a valid Messages API response: {exception.Message}", exception),
        };
        return Redact(translated, apiKey);
    }

    public static ModelProviderException Incomplete()
        => new($"The {Provider} response stream ended before the model finished (no stop_reason).") { IsTransient = true };

    private static ModelProviderException FromStatus(AnthropicServiceException exception, int status, FailedResponse response)
    {
        var detail = Describe(exception);
        return new ModelProviderException($"The {Provider} model call failed with HTTP {status}{(detail is null ? "" : ": " + detail)}", exception)
        {
            StatusCode = status,
            RetryAfter = response.Status == status ? response.RetryAfter : null,
            IsTransient = ModelProviderException.IsTransientStatus(status),
        };
    }

    // An error event inside a 200 stream (e.g. overloaded_error when capacity runs out mid-answer).
    private static ModelProviderException FromErrorEvent(AnthropicServiceException exception)
    {
        var type = ErrorType(exception.Body);
        return new ModelProviderException($"The {Provider} stream reported {type ?? "an error"}: {Describe(exception) ?? exception.Message}", exception)
        {
            IsTransient = type is "overloaded_error" or "api_error" or "rate_limit_error" or "timeout_error",
        };
    }

    private static ModelProviderException Network(Exception exception)
        => new($"The {Provider} model call failed on the network: {exception.Message}", exception) { IsTransient = true };

    private static string? Describe(AnthropicServiceException exception)
    {
        var text = exception.ApiMessage;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static string? ErrorType(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var error = body.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : body;
        return error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
    }

    // The SDK's messages quote the response body; if a server ever echoed the key, leave the SDK exception out.
    private static ModelProviderException Redact(ModelProviderException exception, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || !exception.ToString().Contains(apiKey, StringComparison.Ordinal))
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
}
