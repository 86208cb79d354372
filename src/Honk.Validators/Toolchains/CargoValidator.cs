using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Rust crates and workspaces (<c>Cargo.toml</c>): <c>cargo build --offline</c>, then
/// <c>cargo test --offline --no-fail-fast</c> (every test target runs even when one fails). With network allowed, a
/// <c>cargo fetch</c> step comes first. Reports rustc errors with their codes and failing tests with their panic
/// message (<c>left</c>/<c>right</c> values included); failing tests are re-run once by exact name to spot flaky ones.
/// </summary>
public sealed partial class CargoValidator : ToolchainValidator
{
    private static readonly Dictionary<string, string> QuietEnvironment = new(StringComparer.Ordinal)
    {
        ["CARGO_TERM_COLOR"] = "never",
        ["CARGO_TERM_PROGRESS_WHEN"] = "never",
        ["RUST_BACKTRACE"] = "0",
    };

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public CargoValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "cargo";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["Cargo.toml"];

    /// <inheritdoc />
    protected override string Program => "cargo";

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        var workingDirectory = WorkingDirectoryOf(folder);
        var steps = new List<ValidationStep>();
        if (Options.AllowNetwork)
        {
            steps.Add(new ValidationStep(StepName("fetch", folder, nameWithFolder),
                new CommandRequest("cargo", ["fetch"]) { WorkingDirectory = workingDirectory, AllowNetwork = true, Environment = QuietEnvironment },
                InFolder(new CargoOutputParser(), folder)));
        }

        steps.Add(new ValidationStep(StepName("build", folder, nameWithFolder),
            new CommandRequest("cargo", ["build", "--offline"]) { WorkingDirectory = workingDirectory, Environment = QuietEnvironment },
            InFolder(new CargoOutputParser(), folder)));
        steps.Add(new ValidationStep(StepName("test", folder, nameWithFolder),
            new CommandRequest("cargo", ["test", "--offline", "--no-fail-fast"]) { WorkingDirectory = workingDirectory, Environment = QuietEnvironment },
            InFolder(new CargoOutputParser(), folder)) { RunsTests = true });
        return ValueTask.FromResult<IReadOnlyList<ValidationStep>>(steps);
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
        var result = await run(step.Request with { Arguments = [.. step.Request.Arguments, "--", "--exact", .. testNames] }, cancellationToken).ConfigureAwait(false);
        return [.. PassedTest().Matches(OutputParser.StripAnsi(result.Output)).Select(m => m.Groups["name"].Value).Where(testNames.Contains)];
    }

    [GeneratedRegex(@"^test (?<name>\S+) \.\.\. ok$", RegexOptions.Multiline)]
    private static partial Regex PassedTest();
}
