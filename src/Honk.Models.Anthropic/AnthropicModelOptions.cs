namespace Honk.Models.Anthropic;

/// <summary>
/// Settings of an Anthropic chat client built by <see cref="AnthropicChatClientFactory"/>. <see cref="ToString"/> never
/// shows the key.
/// </summary>
public sealed class AnthropicModelOptions
{
    /// <summary>The output-token limit Honk sends when a request names none. The SDK's own default (1024) is too small for edits.</summary>
    public const int DefaultMaxOutputTokens = 8192;

    /// <summary>The model id sent unless <c>ChatOptions.ModelId</c> names another, e.g. <c>claude-sonnet-4-5</c>. Required.</summary>
    public string? ModelId { get; set; }

    /// <summary>The API key. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base URL (requests go to <c>{BaseUrl}/v1/messages</c>); <c>https://api.anthropic.com</c> when not set.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The output-token limit used when <c>ChatOptions.MaxOutputTokens</c> is not set. Default <see cref="DefaultMaxOutputTokens"/>.</summary>
    public int MaxOutputTokens { get; set; } = DefaultMaxOutputTokens;

    /// <summary>The HTTP timeout of one request; the SDK's default (10 minutes) when <see langword="null"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Retries the SDK itself makes. Default 0: Honk's agent loop retries transient failures with its own backoff, honours
    /// Retry-After and reports each retry as an event; SDK retries underneath would multiply the waits and hide them.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>
    /// Whether requests carry prompt-cache breakpoints (the system prompt with the tools before it, and the rolling
    /// conversation), so each turn pays the cached price for what the previous turn already sent. Default
    /// <see langword="true"/>.
    /// </summary>
    public bool PromptCaching { get; set; } = true;

    /// <summary>Describes the options without the key.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
        => $"anthropic:{ModelId} at {BaseUrl?.ToString() ?? "https://api.anthropic.com"} (API key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")})";
}
