namespace Honk.Validators;

/// <summary>What one step found, as data.</summary>
public sealed record ValidationStepResult
{
    private ValidationStepResult(bool passed, IReadOnlyList<ValidationFinding> findings, string? note, ValidationFailureKind kind = ValidationFailureKind.Checks)
    {
        Passed = passed;
        Findings = findings;
        Note = note;
        Kind = kind;
    }

    /// <summary>
    /// What kind of failure the step is: problems in the code (<see cref="ValidationFailureKind.Checks"/>), no test ran,
    /// or a broken run. The validator's result takes the gravest kind of its failed steps.
    /// </summary>
    public ValidationFailureKind Kind { get; }

    /// <summary>True when the step passed.</summary>
    public bool Passed { get; }

    /// <summary>The problems found (empty when the step passed).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; }

    /// <summary>A short note for the success line, e.g. <c>12 tests passed</c>.</summary>
    public string? Note { get; init; }

    /// <summary>A passing step.</summary>
    /// <param name="note">A short note, e.g. <c>12 tests passed</c>.</param>
    /// <returns>The result.</returns>
    public static ValidationStepResult Success(string? note = null) => new(true, [], note);

    /// <summary>A failing step.</summary>
    /// <param name="findings">The distinct problems; when empty, the validator reports the output's tail instead.</param>
    /// <returns>The result.</returns>
    public static ValidationStepResult Failure(IEnumerable<ValidationFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return new(false, [.. findings], null);
    }

    /// <summary>
    /// A test step that ran zero tests where the repository has tests: a failure that says what it looked for.
    /// </summary>
    /// <param name="lookedFor">What was looked for and run, e.g. <c>ctest in build/: "No tests were found"</c>.</param>
    /// <returns>The result, of kind <see cref="ValidationFailureKind.NoTestsRan"/>.</returns>
    public static ValidationStepResult NoTestsRan(string lookedFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lookedFor);
        return new(false, [new ValidationFinding($"no tests ran: {lookedFor.Trim()}") { Code = ValidationResult.NoTestsCode }], null, ValidationFailureKind.NoTestsRan);
    }

    /// <summary>A step whose run broke for reasons outside the code (e.g. killed by a signal Honk did not send).</summary>
    /// <param name="findings">What broke.</param>
    /// <returns>The result, of kind <see cref="ValidationFailureKind.Infrastructure"/>.</returns>
    public static ValidationStepResult InfrastructureFailure(IEnumerable<ValidationFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return new(false, [.. findings], null, ValidationFailureKind.Infrastructure);
    }
}
