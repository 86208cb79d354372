namespace Honk.Validators;

/// <summary>A repository's settings for the cmake/ctest validator (<c>"validators": {"cmake": {…}}</c>).</summary>
public sealed record CMakeSettings
{
    /// <summary>
    /// Arguments added to the configure step, e.g. <c>["-DMYLIB_BUILD_TESTS=ON"]</c>. With them the validator does not
    /// guess the repository's test switch: the repository said how it wants to be configured.
    /// </summary>
    public IReadOnlyList<string> ConfigureArgs { get; init; } = [];

    /// <summary>
    /// The configure preset of <c>CMakePresets.json</c> to use (its build and test presets follow it). Default: the
    /// validator picks one (see docs/validators.md).
    /// </summary>
    public string? Preset { get; init; }

    /// <summary>Whether ctest runs. Default: true; false for a repository whose tests cannot run in a sandbox.</summary>
    public bool? RunTests { get; init; }

    internal void Check()
    {
        if (ConfigureArgs.Any(string.IsNullOrWhiteSpace))
        {
            throw new RepositorySettingsException("\"validators.cmake.configureArgs\" in the repository's honk.json holds an empty argument.");
        }

        if (Preset is { } preset && string.IsNullOrWhiteSpace(preset))
        {
            throw new RepositorySettingsException("\"validators.cmake.preset\" in the repository's honk.json is empty: name a configure preset of CMakePresets.json, or leave the key out.");
        }
    }
}
