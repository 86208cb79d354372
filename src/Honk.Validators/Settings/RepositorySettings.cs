using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Validators;

/// <summary>
/// The validator settings a repository keeps in its own <c>honk.json</c> (at its root), under <c>"validators"</c>:
/// <code>{ "validators": { "cmake": { "configureArgs": ["-DFOO_TESTS=ON"] }, "dotnet": { "solution": "Foo.slnf" } } }</code>
/// Other top-level keys (the CLI's <c>model</c>, <c>deliver</c>, …) belong to whoever runs Honk and are ignored here;
/// inside <c>"validators"</c> unknown keys are errors, so a typo never passes silently. The JSON follows the CLI's
/// <c>honk.json</c>: camelCase keys (case-insensitive), comments and trailing commas allowed.
/// </summary>
public sealed record RepositorySettings
{
    /// <summary>The file's name, at the repository root.</summary>
    public const string FileName = "honk.json";

    /// <summary>The top-level key this reader owns.</summary>
    public const string SectionName = "validators";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>No settings: what a repository without <c>honk.json</c> (or without <c>"validators"</c>) has.</summary>
    public static RepositorySettings None { get; } = new();

    /// <summary>The per-validator settings; empty when the file has none.</summary>
    public ValidatorSettings Validators { get; init; } = new();

    /// <summary>Reads <c>honk.json</c> at the repository root; <see cref="None"/> when there is no such file.</summary>
    /// <param name="repositoryRoot">The repository (or workspace) root.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="RepositorySettingsException">The file is not valid JSON, or its <c>"validators"</c> section is wrong.</exception>
    public static RepositorySettings Load(string repositoryRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        return ReadText(repositoryRoot) is { } text ? Parse(text) : None;
    }

    /// <summary>The text of <c>honk.json</c> in a folder, or <see langword="null"/> when there is none.</summary>
    /// <param name="root">The folder.</param>
    /// <returns>The text.</returns>
    /// <exception cref="RepositorySettingsException">The file exists but cannot be read.</exception>
    internal static string? ReadText(string root)
    {
        try
        {
            return File.ReadAllText(Path.Combine(root, FileName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RepositorySettingsException($"The repository's {FileName} could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads settings from the text of a <c>honk.json</c>.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="RepositorySettingsException">The text is not valid JSON, or its <c>"validators"</c> section is wrong.</exception>
    public static RepositorySettings Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RepositorySettingsException($"The repository's {FileName} must hold a JSON object.");
            }

            var section = document.RootElement.EnumerateObject()
                .FirstOrDefault(p => string.Equals(p.Name, SectionName, StringComparison.OrdinalIgnoreCase));
            if (section.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return None;
            }

            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                throw new RepositorySettingsException($"\"{SectionName}\" in the repository's {FileName} must be an object such as {{\"cmake\": {{\"configureArgs\": [\"-DX=ON\"]}}}}.");
            }

            var validators = section.Value.Deserialize<ValidatorSettings>(Json) ?? new ValidatorSettings();
            validators.Check();
            return new RepositorySettings { Validators = validators };
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new RepositorySettingsException(
                $"The repository's {FileName} is not valid{where}: {ex.Message} Keys under \"{SectionName}\": {ValidatorSettings.KnownKeys}.", ex);
        }
    }

    /// <summary>
    /// Reads the settings a validation obeys: the <c>honk.json</c> of the commit the session started from, never the
    /// model-editable copy in the workspace (a model must not switch off its own tests); for a workspace that is not a
    /// git worktree, the workspace's file. A broken file becomes a failed plan with the reason rather than an exception.
    /// </summary>
    /// <param name="context">The validation context (its workspace and base commit).</param>
    /// <param name="validatorName">The validator asking, for the message.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The settings, or the failed plan.</returns>
    internal static async Task<(RepositorySettings? Settings, ValidationPlan? Failure)> LoadForValidationAsync(
        ValidationContext context, string validatorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var text = await BaseSettingsFile.ReadAsync(context.Workspace, cancellationToken).ConfigureAwait(false);
            return (text is null ? None : Parse(text), null);
        }
        catch (RepositorySettingsException ex)
        {
            return (null, ValidationPlan.Fail($"{validatorName}: {ex.Message}"));
        }
    }
}
