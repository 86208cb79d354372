using System.Collections;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace Honk.Models.OpenAI;

/// <summary>
/// Builds an <see cref="IChatClient"/> for an <c>openai:</c> or <c>openai-compatible:</c> <see cref="ModelSpec"/>, reading
/// keys from environment variables or configuration (never from the model string or the command line).
/// </summary>
/// <remarks>
/// Settings read: <c>OPENAI_API_KEY</c> (required for <c>openai:</c>), <c>OPENAI_BASE_URL</c>, <c>OPENAI_ORG_ID</c> and
/// <c>OPENAI_PROJECT_ID</c> for <c>openai:</c>; <c>OPENAI_COMPATIBLE_API_KEY</c> (optional) for <c>openai-compatible:</c>,
/// which deliberately never falls back to <c>OPENAI_API_KEY</c> so an OpenAI key is not sent to another host;
/// <c>HONK_MAX_OUTPUT_TOKENS</c> for both.
/// </remarks>
public static class OpenAIChatClientFactory
{
    /// <summary>The variable holding the OpenAI API key.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The variable holding the optional key of an OpenAI-compatible server.</summary>
    public const string CompatibleApiKeyVariable = "OPENAI_COMPATIBLE_API_KEY";

    /// <summary>The variable overriding OpenAI's endpoint for <c>openai:</c> specs (e.g. a corporate gateway).</summary>
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>The variable holding the OpenAI organization id.</summary>
    public const string OrganizationVariable = "OPENAI_ORG_ID";

    /// <summary>The variable holding the OpenAI project id.</summary>
    public const string ProjectVariable = "OPENAI_PROJECT_ID";

    /// <summary>The variable holding the default output-token limit of a model call.</summary>
    public const string MaxOutputTokensVariable = "HONK_MAX_OUTPUT_TOKENS";

    /// <summary>True when this factory builds clients for <paramref name="spec"/>'s provider.</summary>
    /// <param name="spec">The model spec.</param>
    /// <returns>Whether the provider is <c>openai</c> or <c>openai-compatible</c>.</returns>
    public static bool Handles(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Provider is ModelSpec.OpenAIProvider or ModelSpec.OpenAICompatibleProvider;
    }

    /// <summary>Builds the client from the process environment.</summary>
    /// <param name="spec">An <c>openai:</c> or <c>openai-compatible:</c> spec.</param>
    /// <param name="httpClient">The HTTP client to use; a shared one when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">A required key is not set; the message names the variable.</exception>
    public static IChatClient CreateFromEnvironment(ModelSpec spec, HttpClient? httpClient = null)
        => Create(spec, ReadEnvironment(), httpClient);

    /// <summary>Builds the client from explicit settings (environment variables or a flattened configuration).</summary>
    /// <param name="spec">An <c>openai:</c> or <c>openai-compatible:</c> spec.</param>
    /// <param name="settings">Variable name to value; see the remarks for the names read.</param>
    /// <param name="httpClient">The HTTP client to use; a shared one when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException">The spec is for another provider.</exception>
    /// <exception cref="InvalidOperationException">A required key is not set, or a setting is malformed; the message names the variable.</exception>
    public static IChatClient Create(ModelSpec spec, IReadOnlyDictionary<string, string?> settings, HttpClient? httpClient = null)
        => new OpenAIChatClient(CreateOptions(spec, settings), httpClient);

    /// <summary>Builds the options <see cref="Create"/> would use, for callers that adjust them first.</summary>
    /// <param name="spec">An <c>openai:</c> or <c>openai-compatible:</c> spec.</param>
    /// <param name="settings">Variable name to value.</param>
    /// <returns>The options.</returns>
    public static OpenAIModelOptions CreateOptions(ModelSpec spec, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        if (!Handles(spec))
        {
            throw new ArgumentException($"OpenAIChatClientFactory builds openai: and openai-compatible: models, not '{spec.Provider}:'.", nameof(spec));
        }

        var options = new OpenAIModelOptions
        {
            ModelId = spec.Model,
            ProviderName = spec.Provider,
            DefaultMaxOutputTokens = ReadPositiveInt(settings, MaxOutputTokensVariable),
        };
        if (spec.Provider == ModelSpec.OpenAICompatibleProvider)
        {
            options.Endpoint = spec.BaseUrl;
            options.ApiKey = Read(settings, CompatibleApiKeyVariable);
            return options;
        }

        options.ApiKey = Read(settings, ApiKeyVariable)
            ?? throw new InvalidOperationException($"{ApiKeyVariable} is not set: set it to an OpenAI API key to use {spec}.");
        options.Organization = Read(settings, OrganizationVariable);
        options.Project = Read(settings, ProjectVariable);
        if (Read(settings, BaseUrlVariable) is { } baseUrl)
        {
            options.Endpoint = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute http(s) URL such as https://api.openai.com/v1.");
        }

        return options;
    }

    private static string? Read(IReadOnlyDictionary<string, string?> settings, string name)
        => settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int? ReadPositiveInt(IReadOnlyDictionary<string, string?> settings, string name)
        => Read(settings, name) is not { } text
            ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a positive whole number of tokens.");

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
