namespace Honk.Validators;

/// <summary>The environment rule: failures the base has the same way that no change of the model can cause or cure.</summary>
public sealed partial class SessionBusiness
{
    /// <summary>
    /// Files that tell a toolchain what to fetch or which toolchain to use, without being project or build files: a
    /// change to one may cause (or cure) a failure Honk cannot place, so such a failure stays the session's business.
    /// </summary>
    private static readonly string[] EnvironmentFileNames =
    [
        ".npmrc", ".yarnrc", ".yarnrc.yml", ".nvmrc", ".node-version", ".tool-versions", ".python-version", "requirements.txt",
        "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "rust-toolchain", "rust-toolchain.toml", "go.work.sum",
        "gradle.properties", "gradle-wrapper.properties", "maven-wrapper.properties", "maven.config", "config.toml", "honk.json",
    ];

    /// <summary>
    /// Whether a failure the untouched base had the same way belongs to the environment rather than to the change: the
    /// task does not name it, it names neither a test nor a file (an offline resolver's "no matching package", a
    /// toolchain too old for the project file: no test ran), and the change touches no project, build or toolchain-settings file that could
    /// cause or cure it. Such a failure is never tolerated (nothing vouches for the change while the checks cannot run)
    /// and never sent to the model as a fix request (see <see cref="ValidationFailureKind.Environment"/>).
    /// </summary>
    /// <param name="finding">A failure the base also had.</param>
    /// <returns>True for an environment failure.</returns>
    public bool IsEnvironment(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        // A failing test ran, so the checks could run: only a failure with neither a test nor a file may be the environment.
        return finding.TestName is null && finding.File is null && NamedByTask(finding) is null && !_changed.Any(IsBuildOrToolchainFile);
    }

    private static bool IsBuildOrToolchainFile(string file)
        => IsProjectFile(file) || IsBuildFile(file) || EnvironmentFileNames.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase)
            || file.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".cmake", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".gradle", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".gradle.kts", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mk", StringComparison.OrdinalIgnoreCase);
}
