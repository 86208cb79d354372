using System.Globalization;
using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates CMake projects (<c>CMakeLists.txt</c>): configures into a build folder kept between rounds, builds with
/// <c>cmake --build</c> and runs <c>ctest --output-on-failure</c>. Reports compiler and linker errors, configure errors,
/// and failing tests by name (GoogleTest assertions included).
/// </summary>
public sealed partial class CMakeValidator : ToolchainValidator
{
    private readonly CMakeValidatorOptions _options;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ValidationStep, string> _lookedFor = [];

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public CMakeValidator(CMakeValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new CMakeValidatorOptions(), timeProvider) => _options = (CMakeValidatorOptions)Options;

    /// <inheritdoc />
    public override string Name => "cmake";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["CMakeLists.txt"];

    /// <inheritdoc />
    protected override string Program => "cmake";

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        if (_options.BuildDirectory.StartsWith(ScratchFolder + "/", StringComparison.Ordinal))
        {
            // Creates .honk/.gitignore at the root; a project in a sub-folder gets its own below.
            _ = ScratchPath(context, "");
            if (folder.Length > 0)
            {
                WriteIgnore(context.Workspace.RootPath, $"{folder}/{ScratchFolder}/.gitignore");
            }
        }

        var settings = project.Settings.Validators.CMake;
        var configure = CMakeConfiguration.For(project, _options);
        var workingDirectory = WorkingDirectoryOf(folder);
        var jobs = _options.Parallelism.ToString(CultureInfo.InvariantCulture);
        var build = _options.BuildDirectory;
        List<string> buildArguments = ["--build", build, "--parallel", jobs];
        if (configure.BuildConfiguration is { } configuration)
        {
            buildArguments.AddRange(["--config", configuration]);
        }

        var steps = new List<ValidationStep>
        {
            new(StepName("configure", folder, nameWithFolder), new CommandRequest("cmake", ["-S", ".", "-B", build, .. configure.Arguments]) { WorkingDirectory = workingDirectory },
                InFolder(new CMakeOutputParser(), folder)),
            new(StepName("build", folder, nameWithFolder), new CommandRequest("cmake", buildArguments) { WorkingDirectory = workingDirectory },
                InFolder(new CompositeOutputParser(new GccOutputParser(), new CMakeOutputParser()), folder)),
        };

        // A project whose CMake files define no test has nothing for ctest to run; one that does must run some.
        if ((settings?.RunTests ?? _options.RunTests) && configure.Tests.HasTests)
        {
            var step = new ValidationStep(
                StepName("test", folder, nameWithFolder),
                new CommandRequest("ctest", ["--output-on-failure", "--parallel", jobs, "--no-tests=error", .. configure.TestArguments]) { WorkingDirectory = folder.Length == 0 ? build : $"{folder}/{build}" },
                InFolder(new CTestOutputParser(), folder)) { RunsTests = true };
            _lookedFor.AddOrUpdate(step, configure.Describe());
            steps.Add(step);
        }

        return ValueTask.FromResult<IReadOnlyList<ValidationStep>>(steps);
    }

    /// <inheritdoc />
    protected override async ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        if (step.RunsTests && NoTestsFound().IsMatch(result.Output))
        {
            // ctest passes an empty run by default; the project defines tests, so none running means none were checked.
            var lookedFor = _lookedFor.TryGetValue(step, out var described) ? described : "add_test() in the project's CMake files";
            return ValidationStepResult.NoTestsRan(
                $"ctest found no tests in {step.Request.WorkingDirectory ?? "."} although the project's CMake files define some.\n{lookedFor}\n"
                + "Name the switch that builds the tests in the repository's honk.json: {\"validators\": {\"cmake\": {\"configureArgs\": [\"-D<NAME>=ON\"]}}}.");
        }

        return await base.InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
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

        // Failing GoogleTest cases inside one ctest test match no ctest name here, and so are never taken for flaky.
        var pattern = "^(" + string.Join('|', testNames.Select(Regex.Escape)) + ")$";
        var result = await run(step.Request with { Arguments = ["--output-on-failure", "-R", pattern, .. ConfigurationArguments(step.Request.Arguments)] }, cancellationToken).ConfigureAwait(false);
        return [.. PassedTest().Matches(OutputParser.StripAnsi(result.Output)).Select(m => m.Groups["name"].Value).Where(testNames.Contains)];
    }

    private static string[] ConfigurationArguments(IReadOnlyList<string> arguments)
    {
        var index = arguments.ToList().IndexOf("-C");
        return index >= 0 && index + 1 < arguments.Count ? ["-C", arguments[index + 1]] : [];
    }

    private static void WriteIgnore(string root, string relativePath)
    {
        // Written on the host after the sandbox ran: a link on the way (or a FIFO in its place) is not followed (ADR 0039).
        if (!HostWrites.IsRegularFile(Path.Combine(root, relativePath)))
        {
            HostWrites.WriteFile(root, relativePath, "*\n");
        }
    }

    [GeneratedRegex(@"^\s*\d+/\d+ Test\s+#\d+: (?<name>\S+) \.+\s+Passed", RegexOptions.Multiline)]
    private static partial Regex PassedTest();

    [GeneratedRegex(@"^No tests were found", RegexOptions.Multiline)]
    private static partial Regex NoTestsFound();
}
