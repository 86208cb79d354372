using System.Text.Json;

namespace Honk.Validators;

/// <summary>What the validator reads from a <c>package.json</c>: its scripts, whether it has dependencies, its workspaces.</summary>
/// <param name="Scripts">The scripts by name, with their command lines.</param>
/// <param name="HasDependencies">Whether it declares any dependencies (so an install is needed).</param>
/// <param name="Workspaces">The workspace patterns (npm/yarn <c>workspaces</c>); empty when it declares none.</param>
/// <param name="PackageManager">The <c>packageManager</c> field, e.g. <c>pnpm@10.28.0</c>, when present.</param>
internal sealed record NodeManifest(
    IReadOnlyDictionary<string, string> Scripts, bool HasDependencies, IReadOnlyList<string> Workspaces, string? PackageManager)
{
    private const string NoTestPlaceholder = "no test specified";

    /// <summary>Whether the package has a script of this name that does something (not npm init's placeholder test).</summary>
    /// <param name="name">The script's name.</param>
    /// <returns>True when it can run.</returns>
    public bool HasRealScript(string name)
        => Scripts.TryGetValue(name, out var body) && body.Trim().Length > 0
            && !(name == "test" && body.Contains(NoTestPlaceholder, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a manifest; <see langword="null"/> when it is missing or not valid JSON.</summary>
    /// <param name="path">The file's absolute path.</param>
    /// <returns>The manifest, or <see langword="null"/>.</returns>
    public static NodeManifest? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("scripts", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var script in section.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
                {
                    scripts[script.Name] = script.Value.GetString()!;
                }
            }

            var hasDependencies = new[] { "dependencies", "devDependencies", "optionalDependencies" }
                .Any(name => root.TryGetProperty(name, out var deps) && deps.ValueKind == JsonValueKind.Object && deps.EnumerateObject().Any());
            var packageManager = root.TryGetProperty("packageManager", out var manager) && manager.ValueKind == JsonValueKind.String ? manager.GetString() : null;
            return new NodeManifest(scripts, hasDependencies, ReadWorkspaces(root), packageManager);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // npm and yarn: "workspaces": ["packages/*"] or yarn's {"packages": ["packages/*"], "nohoist": [...]}.
    private static string[] ReadWorkspaces(JsonElement root)
    {
        if (!root.TryGetProperty("workspaces", out var workspaces))
        {
            return [];
        }

        if (workspaces.ValueKind == JsonValueKind.Object && workspaces.TryGetProperty("packages", out var packages))
        {
            workspaces = packages;
        }

        return workspaces.ValueKind == JsonValueKind.Array
            ? [.. workspaces.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!)]
            : [];
    }
}
