namespace Honk.Validators;

/// <summary>The <c>"validators"</c> section of a repository's <c>honk.json</c>: one entry per validator family.</summary>
public sealed record ValidatorSettings
{
    /// <summary>The keys this section accepts, for error messages.</summary>
    internal const string KnownKeys = "timeoutMinutes, cmake, dotnet, npm";

    /// <summary>The longest time limit a repository may set, in minutes: a whole session's default is 30.</summary>
    internal const double MaxTimeoutMinutes = 24 * 60;

    /// <summary>
    /// The time limit of one validation (all its commands together), in minutes, for every validator of the repository:
    /// it replaces <see cref="ValidatorOptions.Timeout"/> (10 minutes by default) for a suite that needs longer, e.g.
    /// an install and a test run that take 12 minutes on a loaded machine (changesets/changesets).
    /// </summary>
    public double? TimeoutMinutes { get; init; }

    /// <summary>The cmake/ctest validator's settings.</summary>
    public CMakeSettings? CMake { get; init; }

    /// <summary>The dotnet validator's settings.</summary>
    public DotnetSettings? Dotnet { get; init; }

    /// <summary>The npm (also yarn and pnpm) validator's settings.</summary>
    public NpmSettings? Npm { get; init; }

    internal void Check()
    {
        if (TimeoutMinutes is { } minutes && (double.IsNaN(minutes) || minutes <= 0 || minutes > MaxTimeoutMinutes))
        {
            throw new RepositorySettingsException(
                $"\"validators.timeoutMinutes\" in the repository's honk.json must be a number of minutes above 0 and at most {MaxTimeoutMinutes:0}, e.g. 20.");
        }

        CMake?.Check();
        Dotnet?.Check();
        Npm?.Check();
    }
}
