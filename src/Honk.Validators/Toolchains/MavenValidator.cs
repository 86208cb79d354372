namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Maven projects (<c>pom.xml</c>): <c>mvn -B -q -o test</c> (offline unless network is allowed), or the
/// repository's <c>mvnw</c> when Maven itself is not installed. Reports compiler errors, Surefire's failing tests with
/// their assertion and the test's line, and artifacts that could not be resolved offline.
/// </summary>
public sealed class MavenValidator : ToolchainValidator
{
    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public MavenValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "maven";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["pom.xml"];

    /// <inheritdoc />
    protected override string Program => "mvn";

    /// <inheritdoc />
    protected override async ValueTask<string?> GetSkipReasonAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await IsInstalledAsync(context, "mvn", cancellationToken).ConfigureAwait(false) || File.Exists(Path.Combine(context.Workspace.RootPath, "mvnw")))
        {
            return await IsInstalledAsync(context, "java", cancellationToken).ConfigureAwait(false) ? null : "java is not installed";
        }

        return "maven is not installed (no mvn, and the repository has no mvnw)";
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        var useWrapper = !await IsInstalledAsync(context, "mvn", cancellationToken).ConfigureAwait(false);
        string[] arguments = ["-B", "-q", .. Options.AllowNetwork ? Array.Empty<string>() : ["-o"], "-Dstyle.color=never", "test"];
        var request = useWrapper
            ? new CommandRequest("/bin/sh", ["mvnw", .. arguments])
            : new CommandRequest("mvn", arguments);
        return
        [
            new ValidationStep(StepName("test", folder, nameWithFolder),
                request with { WorkingDirectory = WorkingDirectoryOf(folder), AllowNetwork = Options.AllowNetwork },
                InFolder(new MavenOutputParser(), folder)),
        ];
    }
}
