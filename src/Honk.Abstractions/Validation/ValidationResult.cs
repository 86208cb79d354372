namespace Honk;

/// <summary>The outcome of one validator run, as data. Create it through the named factories.</summary>
public sealed record ValidationResult
{
    private ValidationResult(ValidationOutcome outcome, string summary, IReadOnlyList<ValidationFinding> findings)
    {
        Outcome = outcome;
        Summary = summary;
        Findings = findings;
    }

    /// <summary>Passed, failed or skipped.</summary>
    public ValidationOutcome Outcome { get; }

    /// <summary>A concise summary for the model and for people: one line on success, at most a few KB on failure.</summary>
    public string Summary { get; }

    /// <summary>The distinct problems found (empty on success).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; }

    /// <summary>True unless the validator failed. A skipped validator does not block the stop gate.</summary>
    public bool Passed => Outcome != ValidationOutcome.Failed;

    /// <summary>True when the only failures were already present on the untouched base.</summary>
    public bool OnlyPreExistingFailures => Outcome == ValidationOutcome.Failed && Findings.Count > 0 && Findings.All(f => f.PreExisting);

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
