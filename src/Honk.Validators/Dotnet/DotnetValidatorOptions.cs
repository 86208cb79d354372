namespace Honk.Validators;

/// <summary>Options of <see cref="DotnetValidator"/>.</summary>
public sealed class DotnetValidatorOptions : ValidatorOptions
{
    /// <summary>The build configuration; <see langword="null"/> (default) uses the project's default (Debug).</summary>
    public string? Configuration { get; set; }

    /// <summary>Whether tests run after a successful build. Default: true.</summary>
    public bool RunTests { get; set; } = true;

    /// <summary>
    /// Builds and tests only the projects that own the changed files and the projects that depend on them, rather than
    /// the whole solution. Default: true. Changes outside any project (e.g. <c>Directory.Build.props</c>) always
    /// validate everything.
    /// </summary>
    public bool ScopeToChangedProjects { get; set; } = true;

    /// <summary>
    /// When a scoped validation would build more projects than this one by one, the whole solution is built instead
    /// (one MSBuild run is cheaper than several). Default: 3.
    /// </summary>
    public int MaxScopedProjects { get; set; } = 3;

    /// <summary>Extra arguments for <c>dotnet build</c>, e.g. <c>-p:TreatWarningsAsErrors=true</c>.</summary>
    public IList<string> BuildArguments { get; } = [];

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxScopedProjects, 1, nameof(MaxScopedProjects));
    }
}
