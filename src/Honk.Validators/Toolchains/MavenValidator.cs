namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Maven projects (<c>pom.xml</c>): <c>mvn -B -q -fae -o test</c> (offline unless network is allowed; every module that does not depend on a failed one runs), or the
/// repository's <c>mvnw</c> when Maven itself is not installed. Reports compiler errors, Surefire's failing tests with
/// their assertion and the test's line, and artifacts that could not be resolved offline. A test run that passes
/// without writing a single Surefire report (test classes not named as Surefire looks for them, tests of a framework no
/// provider runs) where the project has test files is "no tests ran", not a pass. Failing tests are re-run once by
/// name (<c>-Dtest=</c>) to spot flaky ones.
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
        // -fae: a reactor stops at the first module whose tests fail, so a failure already on the base in one module
        // would hide what the change broke in a later one; every module not depending on a failed one still runs.
        string[] arguments = ["-B", "-q", "-fae", .. Options.AllowNetwork ? Array.Empty<string>() : ["-o"], "-Dstyle.color=never", "test"];
        var request = useWrapper
            ? new CommandRequest("/bin/sh", ["mvnw", .. arguments])
            : new CommandRequest("mvn", arguments);
        return
        [
            new ValidationStep(StepName("test", folder, nameWithFolder),
                request with { WorkingDirectory = WorkingDirectoryOf(folder), AllowNetwork = Options.AllowNetwork },
                InFolder(new MavenOutputParser(), folder))
            {
                RunsTests = true,
            },
        ];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Surefire selects the failing methods (<c>-Dtest=Class#a+b,Other#c</c>); modules without them run nothing and do
    /// not fail for it. A parameterised method is selected with its invocations too (<c>a+a[*]</c>: JUnit 4 names
    /// them <c>a[1]</c>, and Surefire matches <c>#a</c> to none of them). A test passed when a report the re-run wrote
    /// says so.
    /// </remarks>
    protected override ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
        => SurefireReports.RerunAsync(step, failures, run, context, Select, "surefire-reports", cancellationToken);

    private static IEnumerable<string> Select(IReadOnlyList<JvmTestName> tests)
    {
        var classes = SurefireReports.Methods(tests).GroupBy(m => m.Class, StringComparer.Ordinal)
            .Select(g => $"{g.Key[(g.Key.LastIndexOf('.') + 1)..]}#{string.Join('+', g.Select(m => m.Parameterised ? $"{m.Method}+{m.Method}[*]" : m.Method))}");
        return ["-Dtest=" + string.Join(',', classes), "-DfailIfNoTests=false", "-Dsurefire.failIfNoSpecifiedTests=false"];
    }

    /// <inheritdoc />
    /// <remarks>
    /// A passing run is judged by the reports it wrote: quiet Maven prints nothing on success. Reports older than the
    /// run are from earlier rounds and do not count.
    /// </remarks>
    protected override async ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await base.InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
        if (!outcome.Passed)
        {
            return outcome;
        }

        // The file system's clock, not the validator's (which tests may fake); a second of slack for coarse timestamps.
        var started = DateTime.UtcNow - result.Duration - TimeSpan.FromSeconds(1);
        var folder = step.Request.WorkingDirectory ?? "";
        var (reports, tests) = SurefireReports.WrittenSince(Path.Combine(context.Workspace.RootPath, folder), started);
        if (tests > 0)
        {
            return ValidationStepResult.Success(tests == 1 ? "1 test passed" : $"{tests} tests passed");
        }

        var facts = await RepositoryFacts.ScanAsync(context.Workspace.RootPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var inProject = new RepositoryFacts(facts.RootPath, facts.Files.Where(f => folder.Length == 0 || f.StartsWith(folder + "/", StringComparison.Ordinal)));
        var where = folder.Length == 0 ? "the repository" : folder + "/";
        return ZeroTests.ATestFile(inProject) is { } testFile
            ? ValidationStepResult.NoTestsRan(reports == 0
                ? $"`{Describe(step.Request)}` passed without writing a Surefire report (target/surefire-reports/TEST-*.xml) in {where}, yet it has test files such as {testFile}; Surefire runs classes named Test*, *Test, *Tests or *TestCase with a test framework it has a provider for"
                : $"`{Describe(step.Request)}` wrote {reports} Surefire report(s) in {where} counting 0 tests, yet it has test files such as {testFile}")
            : outcome;
    }
}
