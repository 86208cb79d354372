namespace Honk;

/// <summary>The outcome of one validator run, as data. Create it through the named factories.</summary>
public sealed record ValidationResult
{
    /// <summary>The <see cref="ValidationFinding.Code"/> of the finding of <see cref="NoTestsRan"/>.</summary>
    public const string NoTestsCode = "no-tests";

    private ValidationResult(ValidationOutcome outcome, string summary, IReadOnlyList<ValidationFinding> findings, ValidationFailureKind kind = ValidationFailureKind.Checks)
    {
        Outcome = outcome;
        Summary = summary;
        Findings = findings;
        FailureKind = kind;
    }

    /// <summary>Passed, failed or skipped.</summary>
    public ValidationOutcome Outcome { get; }

    /// <summary>A concise summary for the model and for people: one line on success, at most a few KB on failure.</summary>
    public string Summary { get; }

    /// <summary>The distinct problems found (empty on success).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; }

    /// <summary>
    /// What kind of failure this is, when <see cref="Outcome"/> is <see cref="ValidationOutcome.Failed"/>:
    /// the checks found problems (<see cref="ValidationFailureKind.Checks"/>), no test ran where the repository has
    /// tests, the run itself broke (a command killed by a signal Honk did not send), or the checks cannot run in this
    /// environment (the same unplaceable failure on the untouched base). Only the first can ever be "pre-existing"; the
    /// others always block. <see cref="ValidationFailureKind.Checks"/> for other outcomes.
    /// </summary>
    public ValidationFailureKind FailureKind { get; }

    /// <summary>True unless the validator failed. A skipped validator does not block the stop gate.</summary>
    public bool Passed => Outcome != ValidationOutcome.Failed;

    /// <summary>True when the only failures were already present on the untouched base.</summary>
    public bool OnlyPreExistingFailures
        => Outcome == ValidationOutcome.Failed && FailureKind == ValidationFailureKind.Checks && Findings.Count > 0 && Findings.All(f => f.PreExisting);

    /// <summary>A passing result.</summary>
    /// <param name="summary">One short line, e.g. "build ok, 42 tests passed".</param>
    /// <returns>The result.</returns>
    public static ValidationResult Success(string summary = "passed") => new(ValidationOutcome.Passed, summary, []);

    /// <summary>A failing result.</summary>
    /// <param name="summary">The concise failure summary the model will read.</param>
    /// <param name="findings">The distinct problems.</param>
    /// <returns>The result.</returns>
    public static ValidationResult Failure(string summary, IEnumerable<ValidationFinding>? findings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        return new(ValidationOutcome.Failed, summary, findings?.ToArray() ?? []);
    }

    /// <summary>
    /// A failing result of the given kind; see <see cref="NoTestsRan"/> and <see cref="InfrastructureFailure"/> for
    /// the two kinds that always block.
    /// </summary>
    /// <param name="summary">The concise failure summary the model will read.</param>
    /// <param name="findings">The distinct problems.</param>
    /// <param name="kind">What kind of failure it is.</param>
    /// <returns>The result.</returns>
    public static ValidationResult Failure(string summary, IEnumerable<ValidationFinding>? findings, ValidationFailureKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind.");
        }

        return new(ValidationOutcome.Failed, summary, findings?.ToArray() ?? [], kind);
    }

    /// <summary>
    /// A validator that ran zero tests where the repository has tests: a failure, never a pass and never
    /// "pre-existing". Say what was looked for, so people can tell why nothing ran.
    /// </summary>
    /// <param name="validatorName">The validator's name, e.g. <c>ctest</c>.</param>
    /// <param name="lookedFor">What the validator looked for and ran, e.g. <c>ctest in build/ found "No tests were found"; tests/CMakeLists.txt declares add_test</c>.</param>
    /// <returns>The result: summary <c>{validatorName}: no tests ran: {lookedFor}</c>, one finding with code <c>no-tests</c>.</returns>
    public static ValidationResult NoTestsRan(string validatorName, string lookedFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(lookedFor);
        var message = $"no tests ran: {lookedFor.Trim()}";
        return new(ValidationOutcome.Failed, $"{validatorName}: {message}", [new ValidationFinding(message) { Code = NoTestsCode }], ValidationFailureKind.NoTestsRan);
    }

    /// <summary>
    /// A run that broke for reasons outside the code (a command killed by a signal Honk did not send, a sandbox that
    /// failed to start): a failure that always blocks and is never "pre-existing".
    /// </summary>
    /// <param name="summary">What broke, e.g. <c>dotnet: `dotnet build` was killed by signal 9 (SIGKILL), not sent by Honk</c>.</param>
    /// <param name="findings">The distinct problems.</param>
    /// <returns>The result.</returns>
    public static ValidationResult InfrastructureFailure(string summary, IEnumerable<ValidationFinding>? findings = null)
        => Failure(summary, findings, ValidationFailureKind.Infrastructure);

    /// <summary>A validator that could not run here (e.g. its toolchain is missing); it does not block the gate.</summary>
    /// <param name="reason">Why it was skipped.</param>
    /// <returns>The result.</returns>
    public static ValidationResult Skip(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ValidationOutcome.Skipped, reason, []);
    }
}

/// <summary>The three outcomes of a validator run.</summary>
public enum ValidationOutcome
{
    /// <summary>All checks passed.</summary>
    Passed,

    /// <summary>At least one check failed.</summary>
    Failed,

    /// <summary>The validator could not run here.</summary>
    Skipped,
}

/// <summary>What kind of failure a failed <see cref="ValidationResult"/> is.</summary>
public enum ValidationFailureKind
{
    /// <summary>The checks ran and found problems (build errors, failing tests, lint); these may be pre-existing on the base.</summary>
    Checks,

    /// <summary>No test ran where the repository has tests: not a pass; always blocks.</summary>
    NoTestsRan,

    /// <summary>The run itself broke (e.g. a command killed by a signal Honk did not send): always blocks, never pre-existing.</summary>
    Infrastructure,

    /// <summary>
    /// The checks cannot run in this environment: the untouched base fails the same way, Honk cannot place the failure
    /// in any file, and the change touches no project or build file (e.g. an offline build missing a dependency, a
    /// toolchain too old). Never a pass — nothing vouches for the change — and not a fix request for the model: the
    /// session ends <c>validation_failed</c> saying so.
    /// </summary>
    Environment,
}
