namespace Honk.Validators;

/// <summary>The <c>"validators"</c> section of a repository's <c>honk.json</c>: one entry per validator family.</summary>
public sealed record ValidatorSettings
{
    /// <summary>The keys this section accepts, for error messages.</summary>
    internal const string KnownKeys = "cmake, dotnet, npm";

    /// <summary>The cmake/ctest validator's settings.</summary>
    public CMakeSettings? CMake { get; init; }

    /// <summary>The dotnet validator's settings.</summary>
    public DotnetSettings? Dotnet { get; init; }

    /// <summary>The npm (also yarn and pnpm) validator's settings.</summary>
    public NpmSettings? Npm { get; init; }

    internal void Check()
    {
        CMake?.Check();
        Dotnet?.Check();
        Npm?.Check();
    }
}
