namespace Honk.Validators.Toolchains;

/// <summary>
/// Base of the toolchain validators (cmake, make, cargo, go, maven, gradle, pytest): finds the project folders (the
/// outermost folders holding one of <see cref="ProjectFileNames"/>), validates those that own the session's changes
/// (all of them on the base or when no project owns a change), fails as the environment
/// (<see cref="ValidationFailureKind.Environment"/>) with a clear reason when the toolchain is not installed in the
/// sandbox, and places findings of a project in a sub-folder relative to the repository root.
/// </summary>
public abstract class ToolchainValidator : CommandValidator
{
    /// <summary>The folder, relative to the workspace root, where validators keep build outputs between rounds.</summary>
    /// <remarks>It holds a <c>.gitignore</c> of <c>*</c>, so git (and therefore diffs, commits and guards) never sees it.</remarks>
    public const string ScratchFolder = ".honk";

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    protected ToolchainValidator(ValidatorOptions options, TimeProvider? timeProvider = null)
        : base(options, timeProvider)
    {
    }

    /// <summary>The file names that mark a project folder, e.g. <c>Cargo.toml</c>.</summary>
    protected abstract IReadOnlyList<string> ProjectFileNames { get; }

    /// <summary>The program the validator needs; when the sandbox cannot find it the validation fails as the environment.</summary>
    protected abstract string Program { get; }

    /// <summary>
    /// The project folders ('' for the root), sorted: by default the outermost ones (nested ones belong to their parent's
    /// build); a toolchain whose nested projects build apart (Go modules) lists those too.
    /// </summary>
    /// <param name="facts">The repository's contents.</param>
    /// <returns>The folders.</returns>
    public IReadOnlyList<string> FindProjectFolders(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return FindProjectFoldersCore(facts);
    }

    /// <summary>Finds the project folders; the default takes the outermost folders holding a project file.</summary>
    /// <param name="facts">The repository's contents.</param>
    /// <returns>The folders ('' for the root), sorted.</returns>
    protected virtual IReadOnlyList<string> FindProjectFoldersCore(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var folders = ProjectFileNames.SelectMany(facts.FilesNamed)
            .Where(f => !f.StartsWith(ScratchFolder + "/", StringComparison.Ordinal))
            .Select(FolderOf)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return [.. folders.Where(f => !folders.Any(outer => outer != f && IsInside(f, outer)))];
    }

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts) => FindProjectFolders(facts).Count > 0;

    /// <inheritdoc />
    protected sealed override async ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(facts);
        var folders = FindProjectFolders(facts);
        if (folders.Count == 0)
        {
            return ValidationPlan.Skip($"{Name}: no {string.Join(" or ", ProjectFileNames)} in the repository");
        }

        // The repository has this toolchain's projects, so its checks apply: a machine without the toolchain cannot
        // vouch for the change (never a pass), and the model cannot install it (never its to fix).
        if (await GetSkipReasonAsync(context, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            return ValidationPlan.CannotRunHere($"{reason}: the repository's {Name} checks cannot run in this environment");
        }

        var (loaded, broken) = await RepositorySettings.LoadForValidationAsync(context, Name, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } settings)
        {
            return broken!;
        }

        // A changed file belongs to the nearest project folder above it (nested folders exist only where a validator
        // says they are separate builds, e.g. Go modules inside another module's tree).
        var owning = facts.ChangedFiles
            .Select(c => folders.Where(f => IsInside(FolderOf(c), f)).MaxBy(f => f.Length))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var steps = new List<ValidationStep>();
        try
        {
            foreach (var folder in owning.Count > 0 ? owning : folders)
            {
                var project = new ToolchainProject(folder, folders.Count > 1, facts, settings);
                steps.AddRange(await PlanProjectAsync(context, project, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (RepositorySettingsException ex)
        {
            return ValidationPlan.Fail($"{Name}: {ex.Message}");
        }

        return steps.Count == 0 ? ValidationPlan.Skip($"{Name}: nothing to run") : ValidationPlan.Run(steps);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Test runners print absolute paths (<c>__FILE__</c>, assertion locations): in messages they become relative to the
    /// repository, so a message is the same in the session's worktree and on the base checkout.
    /// </remarks>
    protected override async ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await base.InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
        // Only plain check failures are rewritten: a "no tests ran" or infrastructure result keeps its kind.
        return outcome.Passed || outcome.Kind != ValidationFailureKind.Checks
            ? outcome
            : ValidationStepResult.Failure(RepositoryRelativeMessages.Apply(outcome.Findings, context.Workspace.RootPath));
    }

    /// <summary>The steps for one project folder.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="project">The project folder, the repository's files and its <c>honk.json</c> settings.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The steps.</returns>
    /// <exception cref="RepositorySettingsException">The repository's settings name something that does not exist; the validation fails with the message.</exception>
    protected abstract ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken);

    /// <summary>
    /// Why the validator cannot run here (a missing toolchain), or <see langword="null"/>. The default checks that
    /// <see cref="Program"/> is installed. A reason fails the validation as the environment.
    /// </summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>What is missing, or <see langword="null"/> to run.</returns>
    protected virtual async ValueTask<string?> GetSkipReasonAsync(ValidationContext context, CancellationToken cancellationToken)
        => await IsInstalledAsync(context, Program, cancellationToken).ConfigureAwait(false) ? null : $"{Program} is not installed";

    /// <summary>Checks, inside the sandbox, that a program can be found on the PATH.</summary>
    /// <param name="context">The validation context (its runner is used).</param>
    /// <param name="program">The program's name.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="false"/> only when the sandbox answered that the program is missing.</returns>
    protected async Task<bool> IsInstalledAsync(ValidationContext context, string program, CancellationToken cancellationToken)
        => await SucceedsAsync(context, CommandRequest.Shell($"command -v '{program.Replace("'", "", StringComparison.Ordinal)}'"), cancellationToken).ConfigureAwait(false) != false;

    /// <summary>Runs a quick probe in the sandbox (with the validator's environment and a short time limit).</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="request">The probe.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>Whether it exited with 0; <see langword="null"/> when it could not run at all (the steps will then report why).</returns>
    protected async Task<bool?> SucceedsAsync(ValidationContext context, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (context.CommandRunner is not { } runner)
        {
            return null;
        }

        var environment = new Dictionary<string, string>(Options.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in request.Environment)
        {
            environment[key] = value;
        }

        try
        {
            var result = await runner.RunAsync(request with { Timeout = TimeSpan.FromSeconds(30), Environment = environment }, cancellationToken).ConfigureAwait(false);
            return result.TimedOut ? null : result.ExitCode == 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns the absolute path of <c>.honk/<paramref name="name"/></c> in the workspace, creating <c>.honk/.gitignore</c>
    /// so that build outputs kept there between rounds never show up as changes.
    /// </summary>
    /// <param name="context">The validation context.</param>
    /// <param name="name">The sub-folder's name.</param>
    /// <returns>The absolute path (not created).</returns>
    protected static string ScratchPath(ValidationContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScratchPath(context.Workspace.RootPath, name);
    }

    /// <summary>The absolute path of <c>.honk/<paramref name="name"/></c> under a workspace root; see <see cref="ScratchPath(ValidationContext, string)"/>.</summary>
    internal static string ScratchPath(string root, string name)
    {
        // Honk writes here on the host, after the session's commands and the repository's checks ran in the sandbox,
        // where either can plant a link that would send those writes (gitconfig, describe.proj, the Gradle init
        // script) to a host folder or file: links at the top of the scratch folder go first (ADR 0036).
        var scratch = Path.Combine(root, ScratchFolder);
        HostWrites.RemoveLinksOnTheWay(root, ScratchFolder + "/.gitignore");
        Directory.CreateDirectory(scratch);
        var ignore = Path.Combine(scratch, ".gitignore");
        if (!File.Exists(ignore))
        {
            File.WriteAllText(ignore, "# Build outputs Honk's validators keep between rounds.\n*\n");
        }

        HostWrites.RemoveLinksOnTheWay(scratch, name);
        var path = Path.Combine(scratch, name);
        if (Directory.Exists(path))
        {
            foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
            {
                HostWrites.RemoveLinksOnTheWay(path, entry.Name);
            }
        }

        return path;
    }

    /// <summary>The step name, with the project folder when the repository has several projects.</summary>
    /// <param name="name">The step's name, e.g. <c>test</c>.</param>
    /// <param name="folder">The project folder.</param>
    /// <param name="withFolder">Whether to add it.</param>
    /// <returns>The name.</returns>
    protected static string StepName(string name, string folder, bool withFolder)
        => withFolder && folder.Length > 0 ? $"{name} ({folder})" : name;

    /// <summary>A parser that places the findings of a project in a sub-folder relative to the repository root.</summary>
    /// <param name="parser">The toolchain's parser.</param>
    /// <param name="folder">The project folder ('' for the root).</param>
    /// <returns>The parser to give the step.</returns>
    protected static IOutputParser InFolder(OutputParser parser, string folder)
        => folder.Length == 0 ? parser : new ProjectFolderOutputParser(parser, folder);

    /// <summary>The working directory of a project's commands (<see langword="null"/> for the root).</summary>
    /// <param name="folder">The project folder.</param>
    /// <returns>The working directory.</returns>
    protected static string? WorkingDirectoryOf(string folder) => folder.Length == 0 ? null : folder;

    /// <summary>The folder of a repository-relative path ('' for the root).</summary>
    /// <param name="path">A path with <c>/</c> separators.</param>
    /// <returns>Its folder.</returns>
    protected static string FolderOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static bool IsInside(string folder, string outer)
        => outer.Length == 0 || folder == outer || folder.StartsWith(outer + "/", StringComparison.Ordinal);
}
