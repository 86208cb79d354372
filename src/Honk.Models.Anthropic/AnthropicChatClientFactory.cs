using System.Collections;
using System.Globalization;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace Honk.Models.Anthropic;

/// <summary>
/// Builds an <see cref="IChatClient"/> for an <c>anthropic:</c> <see cref="ModelSpec"/>: the official Anthropic SDK's
/// own <c>AsIChatClient()</c>, with the SDK's retries off, a usable default output limit, and a thin decorator that
/// turns failures into <see cref="ModelProviderException"/> (status, Retry-After) and cut streams into errors.
/// </summary>
/// <remarks>
/// Settings read: <c>ANTHROPIC_API_KEY</c> (required), <c>ANTHROPIC_BASE_URL</c> (optional, e.g. a gateway) and
/// <c>HONK_MAX_OUTPUT_TOKENS</c> (optional), <c>HONK_PROMPT_CACHING</c> (optional, <c>off</c> to send no cache breakpoints). Keys come from the environment or configuration, never the model string.
/// </remarks>
public static class AnthropicChatClientFactory
{
    /// <summary>The variable holding the Anthropic API key.</summary>
    public const string ApiKeyVariable = "ANTHROPIC_API_KEY";

    /// <summary>The variable overriding the API's base URL.</summary>
    public const string BaseUrlVariable = "ANTHROPIC_BASE_URL";

    /// <summary>The variable holding the default output-token limit of a model call.</summary>
    public const string MaxOutputTokensVariable = "HONK_MAX_OUTPUT_TOKENS";

    /// <summary>The variable that turns prompt-cache breakpoints off (<c>off</c>, <c>false</c> or <c>0</c>); on by default.</summary>
    public const string PromptCachingVariable = "HONK_PROMPT_CACHING";

    /// <summary>Anthropic's own endpoint, used when no base URL is set.</summary>
    public static Uri AnthropicEndpoint { get; } = new("https://api.anthropic.com");

    /// <summary>True when this factory builds clients for <paramref name="spec"/>'s provider.</summary>
    /// <param name="spec">The model spec.</param>
    /// <returns>Whether the provider is <c>anthropic</c>.</returns>
    public static bool Handles(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Provider == ModelSpec.AnthropicProvider;
    }

    /// <summary>Builds the client from the process environment.</summary>
    /// <param name="spec">An <c>anthropic:</c> spec.</param>
    /// <param name="httpClient">The HTTP client to use; the SDK's own when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException"><c>ANTHROPIC_API_KEY</c> is not set; the message says so.</exception>
    public static IChatClient CreateFromEnvironment(ModelSpec spec, HttpClient? httpClient = null)
        => Create(spec, ReadEnvironment(), httpClient);

    /// <summary>Builds the client from explicit settings (environment variables or a flattened configuration).</summary>
    /// <param name="spec">An <c>anthropic:</c> spec.</param>
    /// <param name="settings">Variable name to value; see the remarks for the names read.</param>
    /// <param name="httpClient">The HTTP client to use; the SDK's own when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException">The spec is for another provider.</exception>
    /// <exception cref="InvalidOperationException">The key is not set, or a setting is malformed; the message names the variable.</exception>
    public static IChatClient Create(ModelSpec spec, IReadOnlyDictionary<string, string?> settings, HttpClient? httpClient = null)
        => Create(CreateOptions(spec, settings), httpClient);

    /// <summary>Builds the options <see cref="Create(ModelSpec, IReadOnlyDictionary{string, string}, HttpClient)"/> would use.</summary>
    /// <param name="spec">An <c>anthropic:</c> spec.</param>
    /// <param name="settings">Variable name to value.</param>
    /// <returns>The options.</returns>
    public static AnthropicModelOptions CreateOptions(ModelSpec spec, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        if (!Handles(spec))
        {
            throw new ArgumentException($"AnthropicChatClientFactory builds anthropic: models, not '{spec.Provider}:'.", nameof(spec));
        }

        var options = new AnthropicModelOptions
        {
            ModelId = spec.Model,
            ApiKey = Read(settings, ApiKeyVariable)
                ?? throw new InvalidOperationException($"{ApiKeyVariable} is not set: set it to an Anthropic API key to use {spec}."),
        };
        if (Read(settings, BaseUrlVariable) is { } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute http(s) URL such as https://api.anthropic.com.");
        }

        if (Read(settings, MaxOutputTokensVariable) is { } maxTokens)
        {
            options.MaxOutputTokens = int.TryParse(maxTokens, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{MaxOutputTokensVariable} must be a positive whole number of tokens.");
        }

        if (Read(settings, PromptCachingVariable) is { } caching)
        {
            options.PromptCaching = caching.ToUpperInvariant() switch
            {
                "ON" or "TRUE" or "1" => true,
                "OFF" or "FALSE" or "0" => false,
                _ => throw new InvalidOperationException($"{PromptCachingVariable} must be on or off."),
            };
        }

        return options;
    }

    /// <summary>Builds the client from options.</summary>
    /// <param name="options">Model, key, endpoint and limits.</param>
    /// <param name="httpClient">The HTTP client to use; the SDK's own when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for HTTP-date Retry-After values; the system clock when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    public static IChatClient Create(AnthropicModelOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, $"{nameof(options)}.{nameof(options.ModelId)}");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, $"{nameof(options)}.{nameof(options.ApiKey)}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxOutputTokens, $"{nameof(options)}.{nameof(options.MaxOutputTokens)}");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, $"{nameof(options)}.{nameof(options.MaxRetries)}");

        var endpoint = options.BaseUrl ?? AnthropicEndpoint;
        var clientOptions = new ClientOptions
        {
            ApiKey = options.ApiKey,
            BaseUrl = endpoint.ToString().TrimEnd('/'),
            MaxRetries = options.MaxRetries,
            Handlers = [new ResponseHeadersCapture(timeProvider ?? TimeProvider.System)],
        };
        if (options.Timeout is { } timeout)
        {
            clientOptions.Timeout = timeout;
        }

        if (httpClient is not null)
        {
            clientOptions.HttpClient = httpClient;
        }

        var model = options.ModelId.Trim();
        var sdk = new AnthropicClient(clientOptions);
        var inner = sdk.AsIChatClient(model, options.MaxOutputTokens);
        if (options.PromptCaching)
        {
            inner = new AnthropicPromptCaching(inner);
        }

        return new AnthropicErrorMappingChatClient(inner, options.ApiKey, new ChatClientMetadata(ModelSpec.AnthropicProvider, endpoint, model), httpClient is null ? sdk : null);
    }

    private static string? Read(IReadOnlyDictionary<string, string?> settings, string name)
        => settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Dictionary<string, string?> ReadEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
