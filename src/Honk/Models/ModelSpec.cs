namespace Honk.Models;

/// <summary>
/// A model chosen by one string, the same everywhere (CLI <c>--model</c>, <c>HONK_MODEL</c>, configuration):
/// <c>anthropic:&lt;model&gt;</c>, <c>openai:&lt;model&gt;</c>, <c>openai-compatible:&lt;model&gt;@&lt;base-url&gt;</c> or
/// <c>script:&lt;file&gt;</c>. A spec never carries an API key: keys come from the environment or configuration.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>Provider name of Anthropic's Messages API.</summary>
    public const string AnthropicProvider = "anthropic";

    /// <summary>Provider name of OpenAI's Chat Completions API.</summary>
    public const string OpenAIProvider = "openai";

    /// <summary>Provider name of any server speaking OpenAI's Chat Completions API (Azure OpenAI, Ollama, vLLM, LM Studio…).</summary>
    public const string OpenAICompatibleProvider = "openai-compatible";

    /// <summary>Provider name of a scripted model (a JSON file of turns).</summary>
    public const string ScriptProvider = "script";

    /// <summary>The one-line description of the valid forms, used in every parse error.</summary>
    public const string ValidForms = "expected anthropic:<model>, openai:<model>, openai-compatible:<model>@<base-url> or script:<file>";

    private ModelSpec(string provider, string model, Uri? baseUrl, string? scriptPath)
    {
        Provider = provider;
        Model = model;
        BaseUrl = baseUrl;
        ScriptPath = scriptPath;
    }

    /// <summary>The provider: <see cref="AnthropicProvider"/>, <see cref="OpenAIProvider"/>, <see cref="OpenAICompatibleProvider"/> or <see cref="ScriptProvider"/>.</summary>
    public string Provider { get; }

    /// <summary>The model id sent to the provider (for a script: the file path).</summary>
    public string Model { get; }

    /// <summary>The endpoint of an <c>openai-compatible</c> server, e.g. <c>http://127.0.0.1:11434/v1</c>.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>The script file of a <c>script:</c> spec.</summary>
    public string? ScriptPath { get; }

    /// <summary>
    /// The id a session sends, prices and records (transcripts, results, commit trailers): the model name, or
    /// <c>script:&lt;file name&gt;</c> for a script, so no local path ends up in a commit.
    /// </summary>
    public string SessionModelId => Provider == ScriptProvider ? $"script:{Path.GetFileName(ScriptPath)}" : Model;

    /// <summary>True for a scripted model.</summary>
    public bool IsScript => Provider == ScriptProvider;

    /// <summary>Creates an Anthropic spec.</summary>
    /// <param name="model">The model id, e.g. <c>claude-sonnet-4-5</c>.</param>
    /// <returns>The spec.</returns>
    public static ModelSpec Anthropic(string model) => new(AnthropicProvider, RequireModel(model), null, null);

    /// <summary>Creates an OpenAI spec.</summary>
    /// <param name="model">The model id, e.g. <c>gpt-5</c>.</param>
    /// <returns>The spec.</returns>
    public static ModelSpec OpenAI(string model) => new(OpenAIProvider, RequireModel(model), null, null);

    /// <summary>Creates a spec for an OpenAI-compatible server.</summary>
    /// <param name="model">The model id the server knows, e.g. <c>qwen2.5-coder:7b</c>.</param>
    /// <param name="baseUrl">The server's base URL (an absolute http or https URL, usually ending in <c>/v1</c>).</param>
    /// <returns>The spec.</returns>
    public static ModelSpec OpenAICompatible(string model, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!IsHttpUrl(baseUrl))
        {
            throw new ArgumentException($"The base URL must be an absolute http or https URL, not '{baseUrl}'.", nameof(baseUrl));
        }

        return new(OpenAICompatibleProvider, RequireModel(model), baseUrl, null);
    }

    /// <summary>Creates a scripted-model spec.</summary>
    /// <param name="path">The script file.</param>
    /// <returns>The spec.</returns>
    public static ModelSpec Script(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(ScriptProvider, path, null, path);
    }

    /// <summary>Parses a model string.</summary>
    /// <param name="text">E.g. <c>anthropic:claude-sonnet-4-5</c> or <c>openai-compatible:llama3.1@http://127.0.0.1:11434/v1</c>.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The string is not one of the valid forms; the message says which forms are.</exception>
    public static ModelSpec Parse(string? text)
        => TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Parses a model string without throwing.</summary>
    /// <param name="text">The string.</param>
    /// <param name="spec">The spec when the string is valid.</param>
    /// <returns><see langword="true"/> when the string is valid.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec)
        => TryParse(text, out spec, out _);

    /// <summary>The canonical string form, which <see cref="Parse"/> reads back.</summary>
    /// <returns>E.g. <c>openai-compatible:llama3.1@http://127.0.0.1:11434/v1</c>.</returns>
    public override string ToString() => Provider switch
    {
        OpenAICompatibleProvider => $"{Provider}:{Model}@{BaseUrl!.OriginalString}",
        _ => $"{Provider}:{Model}",
    };

    private static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec, out string error)
    {
        spec = null;
        error = "";
        var trimmed = text?.Trim() ?? "";
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (trimmed.Length == 0 || colon <= 0)
        {
            error = $"Invalid model '{trimmed}': {ValidForms}.";
            return false;
        }

        var provider = trimmed[..colon].ToLowerInvariant();
        var rest = trimmed[(colon + 1)..].Trim();
        if (rest.Length == 0)
        {
            error = $"Invalid model '{trimmed}': the part after '{provider}:' is empty; {ValidForms}.";
            return false;
        }

        switch (provider)
        {
            case AnthropicProvider or OpenAIProvider when rest.Contains('@', StringComparison.Ordinal) && rest.Contains("://", StringComparison.Ordinal):
                error = $"Invalid model '{trimmed}': a base URL needs the openai-compatible provider; {ValidForms}.";
                return false;
            case AnthropicProvider:
                spec = Anthropic(rest);
                return true;
            case OpenAIProvider:
                spec = OpenAI(rest);
                return true;
            case ScriptProvider:
                spec = Script(rest);
                return true;
            case OpenAICompatibleProvider:
                // The URL may itself contain '@' (user info), so the model ends at the first '@' followed by a scheme.
                var at = rest.IndexOf("@http", StringComparison.OrdinalIgnoreCase);
                if (at <= 0 || !Uri.TryCreate(rest[(at + 1)..], UriKind.Absolute, out var url) || !IsHttpUrl(url))
                {
                    error = $"Invalid model '{trimmed}': openai-compatible needs <model>@<base-url> with an http(s) URL, e.g. openai-compatible:llama3.1@http://127.0.0.1:11434/v1.";
                    return false;
                }

                spec = OpenAICompatible(rest[..at].Trim(), url);
                return true;
            default:
                error = $"Unknown model provider '{provider}' in '{trimmed}': {ValidForms}.";
                return false;
        }
    }

    private static string RequireModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return model.Trim();
    }

    private static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
