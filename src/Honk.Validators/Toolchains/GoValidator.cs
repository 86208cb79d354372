using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Go modules (<c>go.mod</c>): <c>go vet ./...</c> (type-checks every package, tests included, and runs the
/// vet checks), then <c>go test ./...</c>. The build cache lives in <c>.honk/go-build</c> so later rounds are
/// incremental; modules are not downloaded unless network is allowed (then into <c>.honk/go-mod</c>). Failing tests
/// are re-run once to spot flaky ones.
/// </summary>
public sealed partial class GoValidator : ToolchainValidator
{
    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public GoValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "go";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["go.mod"];

    /// <inheritdoc />
    protected override string Program => "go";

    /// <inheritdoc />
    /// <remarks>
    /// Every module is its own build: <c>go test ./...</c> in a module skips the folders of modules nested in it (a
    /// repository of examples, a tools module, an API module beside its implementation), so each <c>go.mod</c> folder is
    /// a project, and a change is validated by its nearest module. Folders the go command ignores (<c>testdata</c>,
    /// <c>vendor</c>, names starting with <c>.</c> or <c>_</c>) hold no module to test.
    /// </remarks>
    protected override IReadOnlyList<string> FindProjectFoldersCore(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. facts.FilesNamed("go.mod")
            .Select(FolderOf)
            .Where(f => !f.Split('/').Any(IgnoredByGo))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static bool IgnoredByGo(string segment)
        => segment is "testdata" or "vendor" || segment.StartsWith('.') || segment.StartsWith('_');

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        var goMod = await File.ReadAllTextAsync(Path.Combine(context.Workspace.RootPath, folder, "go.mod"), cancellationToken).ConfigureAwait(false);
        var module = ModuleLine().Match(goMod) is { Success: true } m ? m.Groups["path"].Value.Trim('"') : null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GOTOOLCHAIN"] = "local" };
        if (!Options.Environment.ContainsKey("GOCACHE"))
        {
            // The sandbox's home is fresh for every command; a cache in the workspace makes later rounds incremental.
            environment["GOCACHE"] = ScratchPath(context, "go-build");
        }

        if (Options.AllowNetwork)
        {
            // Downloaded modules are read-only files by default; -modcacherw keeps the workspace deletable.
            environment["GOMODCACHE"] = ScratchPath(context, "go-mod");
            environment["GOFLAGS"] = "-modcacherw";
        }
        else
        {
            environment["GOPROXY"] = "off";
        }

        var workingDirectory = WorkingDirectoryOf(folder);
        var steps = new List<ValidationStep>();
        if (Options.AllowNetwork)
        {
            steps.Add(new ValidationStep(StepName("download", folder, nameWithFolder),
                new CommandRequest("go", ["mod", "download"]) { WorkingDirectory = workingDirectory, AllowNetwork = true, Environment = environment },
                InFolder(new GoOutputParser(module), folder)));
        }

        steps.Add(new ValidationStep(StepName("vet", folder, nameWithFolder),
            new CommandRequest("go", ["vet", "./..."]) { WorkingDirectory = workingDirectory, Environment = environment },
            InFolder(new GoOutputParser(module), folder)));
        steps.Add(new ValidationStep(StepName("test", folder, nameWithFolder),
            new CommandRequest("go", ["test", "./..."]) { WorkingDirectory = workingDirectory, Environment = environment },
            InFolder(new GoOutputParser(module), folder)) { RunsTests = true });
        return steps;
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var testNames = failures.Select(f => f.TestName!).ToList();
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(run);

        // -run matches each level of a subtest name separately; re-running the top-level test covers its subtests.
        var topLevel = testNames.Select(n => n.Split('/')[0]).Distinct(StringComparer.Ordinal).Select(Regex.Escape);
        var pattern = "^(" + string.Join('|', topLevel) + ")$";
        var result = await run(step.Request with { Arguments = ["test", "-count=1", "-v", "-run", pattern, "./..."] }, cancellationToken).ConfigureAwait(false);
        return [.. PassedTest().Matches(OutputParser.StripAnsi(result.Output)).Select(m => m.Groups["name"].Value).Where(testNames.Contains)];
    }

    [GeneratedRegex(@"^module\s+(?<path>\S+)", RegexOptions.Multiline)]
    private static partial Regex ModuleLine();

    [GeneratedRegex(@"^\s*--- PASS: (?<name>\S+) \(", RegexOptions.Multiline)]
    private static partial Regex PassedTest();
}
