using System.Text.Json;

namespace Honk.Validators.Toolchains;

/// <summary>
/// The parts of a project's <c>CMakePresets.json</c> the validator uses: which configure preset to take (the one the
/// repository's <c>honk.json</c> names, else the first visible one that looks like a test, CI or development preset),
/// and the build configuration and test filter of the build and test presets that follow it. CMake itself resolves
/// inheritance, conditions and includes when it runs the preset.
/// </summary>
/// <param name="ConfigurePreset">The configure preset's name.</param>
/// <param name="BuildConfiguration">The build preset's <c>configuration</c>, for multi-config generators.</param>
/// <param name="TestInclude">The test preset's <c>filter.include.name</c> regular expression.</param>
/// <param name="TestExclude">The test preset's <c>filter.exclude.name</c> regular expression.</param>
internal sealed record CMakePresets(string ConfigurePreset, string? BuildConfiguration, string? TestInclude, string? TestExclude)
{
    public const string FileName = "CMakePresets.json";

    // Preferred in this order when the repository names none; platform-specific presets are passed over.
    private static readonly string[] Preferred = ["test", "ci", "dev", "debug", "default"];
    private static readonly string[] OtherPlatforms = ["windows", "win32", "win64", "msvc", "macos", "osx", "apple", "ios", "android", "wasm", "emscripten"];

    /// <summary>Reads the presets of a project folder; <see langword="null"/> when it has no usable configure preset.</summary>
    /// <param name="projectFolder">The project's absolute folder.</param>
    /// <param name="named">The configure preset the repository's <c>honk.json</c> names, if any.</param>
    /// <returns>The choice, or <see langword="null"/>.</returns>
    /// <exception cref="RepositorySettingsException">A named preset was given but the project has no presets file.</exception>
    public static CMakePresets? Read(string projectFolder, string? named)
    {
        var path = Path.Combine(projectFolder, FileName);
        if (!File.Exists(path))
        {
            return named is null ? null
                : throw new RepositorySettingsException($"\"validators.cmake.preset\" in the repository's honk.json names '{named}', but {FileName} does not exist.");
        }

        List<JsonElement> configure, build, test;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            configure = Presets(document.RootElement, "configurePresets");
            build = Presets(document.RootElement, "buildPresets");
            test = Presets(document.RootElement, "testPresets");
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // cmake --preset reports a broken presets file better than we could; without one, configure plainly.
            return named is null ? null : new CMakePresets(named, null, null, null);
        }

        var visible = configure.Where(p => !Bool(p, "hidden")).Select(p => Text(p, "name")).OfType<string>().ToList();
        var chosen = named ?? Choose(visible);
        if (chosen is null)
        {
            return null;
        }

        var buildPreset = build.FirstOrDefault(p => Text(p, "configurePreset") == chosen && !Bool(p, "hidden"));
        var testPreset = test.FirstOrDefault(p => Text(p, "configurePreset") == chosen && !Bool(p, "hidden"));
        string? include = null, exclude = null;
        if (testPreset.ValueKind == JsonValueKind.Object && testPreset.TryGetProperty("filter", out var filter) && filter.ValueKind == JsonValueKind.Object)
        {
            include = filter.TryGetProperty("include", out var i) ? Text(i, "name") : null;
            exclude = filter.TryGetProperty("exclude", out var e) ? Text(e, "name") : null;
        }

        var configuration = buildPreset.ValueKind == JsonValueKind.Object ? Text(buildPreset, "configuration") : null;
        configuration ??= testPreset.ValueKind == JsonValueKind.Object ? Text(testPreset, "configuration") : null;
        return new CMakePresets(chosen, configuration, include, exclude);
    }

    private static string? Choose(List<string> visible)
    {
        var candidates = visible.Where(n => !OtherPlatforms.Any(o => n.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var word in Preferred)
        {
            if (candidates.FirstOrDefault(n => n.Contains(word, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }

        return candidates.FirstOrDefault();
    }

    private static List<JsonElement> Presets(JsonElement root, string kind)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(kind, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).Select(p => p.Clone())]
            : [];

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
