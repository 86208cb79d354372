namespace Honk.Validators;

/// <summary>What one step found, as data.</summary>
public sealed record ValidationStepResult
{
    private ValidationStepResult(bool passed, IReadOnlyList<ValidationFinding> findings, string? note)
    {
        Passed = passed;
        Findings = findings;
        Note = note;
    }

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
}
