namespace Honk.Models.OpenAI;

/// <summary>
/// Settings of an <see cref="OpenAIChatClient"/>: which model on which OpenAI-compatible endpoint, with which key.
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class OpenAIModelOptions
{
    /// <summary>OpenAI's own endpoint, used when <see cref="Endpoint"/> is not set.</summary>
    public static Uri OpenAIEndpoint { get; } = new("https://api.openai.com/v1");

    /// <summary>The model id sent with every request unless <c>ChatOptions.ModelId</c> names another. Required.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// The base URL of the Chat Completions API (requests go to <c>{Endpoint}/chat/completions</c>), e.g.
    /// <c>http://127.0.0.1:11434/v1</c> for Ollama. Default: <see cref="OpenAIEndpoint"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>. When not set no Authorization header is sent (local servers).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The OpenAI organization id (<c>OpenAI-Organization</c> header), when the key belongs to several.</summary>
    public string? Organization { get; set; }

    /// <summary>The OpenAI project id (<c>OpenAI-Project</c> header).</summary>
    public string? Project { get; set; }

    /// <summary>The output-token limit used when <c>ChatOptions.MaxOutputTokens</c> is not set; the server's default when <see langword="null"/>.</summary>
    public int? DefaultMaxOutputTokens { get; set; }

    /// <summary>The HTTP timeout of one request; the SDK's default (100 seconds) when <see langword="null"/>.</summary>
    public TimeSpan? NetworkTimeout { get; set; }

    /// <summary>
    /// Retries the SDK itself makes. Default 0: Honk's agent loop retries transient failures with its own backoff, honours
    /// Retry-After and reports each retry as an event; SDK retries underneath would multiply the waits and hide them.
    /// Raise it only when the client is used outside the loop.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>The provider name reported in <c>ChatClientMetadata</c> and errors: <c>openai</c> or <c>openai-compatible</c>.</summary>
    public string ProviderName { get; set; } = ModelSpec.OpenAIProvider;

    /// <summary>Describes the options without the key.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
        => $"{ProviderName}:{ModelId} at {Endpoint ?? OpenAIEndpoint} (API key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")})";
}
