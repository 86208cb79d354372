namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Gradle builds (<c>build.gradle</c>, <c>build.gradle.kts</c>, <c>settings.gradle(.kts)</c>):
/// <c>./gradlew test --continue --offline</c> (every project's test task runs, also after one fails), or <c>gradle</c> when the repository has no wrapper. Gradle's home
/// (<c>GRADLE_USER_HOME</c>) is <c>.honk/gradle</c>, so the wrapper's distribution and the caches survive between
/// rounds, and an init script makes failing tests print their full assertion. Reports javac and Kotlin errors and
/// failing tests; failing tests are re-run once by name (<c>--tests</c>) to spot flaky ones.
/// </summary>
public sealed class GradleValidator : ToolchainValidator
{
    // configureEach arrived in Gradle 4.9; older Gradle (Debian's 4.4.1) configures the test tasks through all().
    // The root suite's afterSuite runs once per test task that ran, also when it found no test at all: its count
    // tells "no tests ran" (a JUnit 5 suite without useJUnitPlatform(), say) from a pass. An up-to-date task prints
    // nothing, and nothing is then concluded.
    private const string InitScript = """
        // Written by Honk's gradle validator: failing tests print their assertion message, not just the exception type,
        // and each test task that ran says how many tests it ran.
        allprojects {
            def tests = tasks.withType(Test)
            def configure = { Test task ->
                task.testLogging {
                    events 'failed'
                    exceptionFormat = 'full'
                }
                task.afterSuite { suite, result ->
                    if (suite.parent == null) {
                        println "honk-gradle: ${task.path} ran ${result.testCount} tests"
                    }
                }
            }
            if (tests.respondsTo('configureEach', Action)) {
                tests.configureEach(configure as Action)
            } else {
                tests.all(configure)
            }
        }

        """;

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public GradleValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "gradle";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["settings.gradle", "settings.gradle.kts", "build.gradle", "build.gradle.kts"];

    /// <inheritdoc />
    protected override string Program => "gradle";

    /// <inheritdoc />
    protected override async ValueTask<string?> GetSkipReasonAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await IsInstalledAsync(context, "java", cancellationToken).ConfigureAwait(false))
        {
            return "java is not installed";
        }

        return File.Exists(Path.Combine(context.Workspace.RootPath, "gradlew")) || await IsInstalledAsync(context, "gradle", cancellationToken).ConfigureAwait(false)
            ? null
            : "gradle is not installed and the repository has no gradlew";
    }

    /// <inheritdoc />
    /// <remarks>
    /// Gradle selects the failing methods (<c>--tests Class.method</c>, once each; a parameterised one also as
    /// <c>Class.method[*</c>, as JUnit 4 names its invocations <c>method[1]</c>); a project without them fails its test
    /// task for it ("No tests found for given includes"), which <c>--continue</c> steps over. A test passed when a
    /// report the re-run wrote (<c>build/test-results</c>) says so.
    /// </remarks>
    protected override ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
        => SurefireReports.RerunAsync(step, failures, run, context, Select, "test-results", cancellationToken);

    private static IEnumerable<string> Select(IReadOnlyList<JvmTestName> tests)
        => SurefireReports.Methods(tests).SelectMany(m => m.Parameterised
            ? new[] { "--tests", $"{m.Class}.{m.Method}", "--tests", $"{m.Class}.{m.Method}[*" }
            : ["--tests", $"{m.Class}.{m.Method}"]);

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        var home = ScratchPath(context, "gradle");
        Directory.CreateDirectory(home);
        var init = Path.Combine(home, "honk-init.gradle");
        await File.WriteAllTextAsync(init, InitScript, cancellationToken).ConfigureAwait(false);

        var wrapper = File.Exists(Path.Combine(context.Workspace.RootPath, folder, "gradlew"));
        if (wrapper)
        {
            GradleWrapperDistributions.Link(GradleWrapperDistributions.HostFolder(System.Environment.GetEnvironmentVariable), home);
        }

        // --continue: Gradle stops at the first failed task, so one project's failing tests (perhaps already on the base)
        // would hide another project's; with it every test task runs and each failure is reported.
        string[] arguments = ["test", "--continue", "--console=plain", "--no-daemon", "--init-script", init, .. Options.AllowNetwork ? Array.Empty<string>() : ["--offline"]];
        var request = wrapper ? new CommandRequest("/bin/sh", ["gradlew", .. arguments]) : new CommandRequest("gradle", arguments);
        return
        [
            new ValidationStep(StepName("test", folder, nameWithFolder),
                request with
                {
                    WorkingDirectory = WorkingDirectoryOf(folder),
                    AllowNetwork = Options.AllowNetwork,
                    Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GRADLE_USER_HOME"] = home },
                },
                InFolder(new GradleOutputParser(), folder))
            {
                RunsTests = true,
            },
        ];
    }
}
