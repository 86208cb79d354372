using System.Globalization;
using System.Text.Json;

namespace Honk.Server;

/// <summary>
/// Reads the host's settings from a <c>honk.json</c>: its <c>model</c> and its <c>serve</c> object, whose keys are the
/// <c>Honk</c> configuration keys (<c>apiClients</c>, <c>slackSigningSecret</c>, <c>allowedRepositoryRoots</c>,
/// <c>stateDirectory</c>, …). The file's other keys belong to <c>honk run</c>. An unknown key under <c>serve</c> is an
/// error, so a typo never passes silently.
/// </summary>
public static class HonkJsonSettings
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The keys <c>serve</c> accepts.</summary>
    public static IReadOnlyList<string> ServeKeys { get; } =
        [.. typeof(HonkServerOptions).GetProperties().Select(p => p.Name).Concat(HonkHostSettings.Keys).Concat(HonkOptions.ConfigurationKeys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>Reads <paramref name="path"/> into configuration keys (<c>Honk:Model</c>, <c>Honk:ApiClients:0:Name</c>, …).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The settings; empty when the file has neither <c>model</c> nor <c>serve</c>.</returns>
    /// <exception cref="InvalidOperationException">The file cannot be read, is not valid JSON, or <c>serve</c> holds an unknown key.</exception>
    public static IReadOnlyDictionary<string, string?> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), Options);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The configuration file '{path}' cannot be read: {ex.Message}", ex);
        }

        using (document)
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"The configuration file '{path}' must hold a JSON object.");
            }

            if (document.RootElement.TryGetProperty("serve", out var serve))
            {
                ReadServe(path, serve, settings);
            }

            // The file's top-level model (honk run's) applies unless serve names its own.
            if (document.RootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
            {
                settings.TryAdd("Honk:Model", model.GetString());
            }

            return settings;
        }
    }

    private static void ReadServe(string path, JsonElement serve, Dictionary<string, string?> settings)
    {
        if (serve.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"'serve' in '{path}' must be an object.");
        }

        foreach (var property in serve.EnumerateObject())
        {
            if (!ServeKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The configuration file '{path}' has the unknown key 'serve.{property.Name}'. Valid keys: {string.Join(", ", ServeKeys.Select(Camel))}.");
            }

            Flatten("Honk:" + property.Name, property.Value, settings);
        }
    }

    private static void Flatten(string key, JsonElement value, Dictionary<string, string?> settings)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten($"{key}:{property.Name}", property.Value, settings);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(string.Create(CultureInfo.InvariantCulture, $"{key}:{index++}"), item, settings);
                }

                break;
            case JsonValueKind.String:
                settings[key] = value.GetString();
                break;
            case JsonValueKind.Null:
                break;
            default:
                settings[key] = value.GetRawText();
                break;
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
