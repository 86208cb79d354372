using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// The validators' results on the untouched base of a session. Failures already present there are marked
/// <see cref="ValidationFinding.PreExisting"/> in later results and do not block the stop gate; new failures do.
/// </summary>
/// <remarks>
/// Capture it before the model's first edit, or lazily at the first failing validation (see
/// <see cref="BaselineValidator"/>) on a second checkout of the base commit (e.g. a git worktree), so the session's
/// own workspace is never stashed or reset. Findings are matched by failing test name, or by file, code and message
/// for diagnostics (line numbers move as the model edits and are ignored).
/// </remarks>
public sealed partial class ValidationBaseline
{
    private readonly Dictionary<string, ValidationResult> _results;

    /// <summary>Creates a baseline from reports already run on the base.</summary>
    /// <param name="reports">One report per validator.</param>
    public ValidationBaseline(IEnumerable<ValidatorReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Reports = [.. reports];
        _results = new Dictionary<string, ValidationResult>(StringComparer.Ordinal);
        foreach (var report in Reports)
        {
            _results[report.Name] = report.Result;
        }
    }

    /// <summary>The reports of the base run.</summary>
    public IReadOnlyList<ValidatorReport> Reports { get; }

    /// <summary>
    /// Runs every applicable validator on the base. The context's workspace must be a checkout of the base commit and
    /// its command runner a sandbox over that checkout; its <see cref="ValidationContext.Round"/> should be 0, so
    /// validators check the whole repository.
    /// </summary>
    /// <param name="validators">The session's validators.</param>
    /// <param name="baseContext">The context over the base checkout.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The baseline.</returns>
    public static async Task<ValidationBaseline> CaptureAsync(IEnumerable<Validator> validators, ValidationContext baseContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(baseContext);
        var reports = new List<ValidatorReport>();
        foreach (var validator in await ValidatorDetector.DetectAsync(validators, baseContext, cancellationToken).ConfigureAwait(false))
        {
            ValidationResult result;
            try
            {
                result = await validator.ValidateAsync(baseContext, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                result = ValidationResult.Skip($"{validator.Name}: the baseline run crashed: {ex.Message}");
            }

            reports.Add(new ValidatorReport(validator.Name, result));
        }

        return new ValidationBaseline(reports);
    }

    /// <summary>The base result of a validator, when it ran on the base.</summary>
    /// <param name="validatorName">The validator's name.</param>
    /// <returns>The result, or <see langword="null"/>.</returns>
    public ValidationResult? For(string validatorName)
    {
        ArgumentNullException.ThrowIfNull(validatorName);
        return _results.GetValueOrDefault(validatorName);
    }

    /// <summary>Marks the pre-existing failures of every report.</summary>
    /// <param name="current">The reports of the current round.</param>
    /// <returns>The reports, with failures present on the base marked.</returns>
    public IReadOnlyList<ValidatorReport> Apply(IEnumerable<ValidatorReport> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return [.. current.Select(r => For(r.Name) is { } baseline ? r with { Result = MarkPreExisting(r.Result, baseline) } : r)];
    }

    /// <summary>
    /// Marks the findings of <paramref name="current"/> that the base run already had as
    /// <see cref="ValidationFinding.PreExisting"/>, and re-renders the summary. The result stays failed (so people see
    /// the failures); when every finding is pre-existing, <see cref="ValidationResult.OnlyPreExistingFailures"/> is true
    /// and the stop gate does not block.
    /// </summary>
    /// <param name="current">The result on the session's workspace.</param>
    /// <param name="baseline">The same validator's result on the base.</param>
    /// <returns>The marked result; <paramref name="current"/> itself when it passed or nothing matched.</returns>
    public static ValidationResult MarkPreExisting(ValidationResult current, ValidationResult baseline)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        if (current.Outcome != ValidationOutcome.Failed || baseline.Outcome != ValidationOutcome.Failed)
        {
            return current;
        }

        // "No tests ran" and a broken run are never "already there": they say nothing about the code, on either side.
        if (current.FailureKind != ValidationFailureKind.Checks || baseline.FailureKind != ValidationFailureKind.Checks)
        {
            return current;
        }

        var known = baseline.Findings.Select(Key).ToHashSet(StringComparer.Ordinal);
        var marked = current.Findings.Select(f => !f.PreExisting && known.Contains(Key(f)) ? f with { PreExisting = true } : f).ToList();
        if (marked.SequenceEqual(current.Findings))
        {
            return current;
        }

        var lines = current.Summary.Split('\n');
        var headline = Counts().Replace(lines[0], "");
        var notes = lines.Skip(1).Where(l => l.StartsWith("flaky", StringComparison.Ordinal));
        return ValidationResult.Failure(new SummaryBuilder().Failure(headline, marked, notes), marked);
    }

    /// <summary>
    /// The identity of a finding across runs: what failed, not where the lines happen to be now. A failing test is the
    /// same failure only with the same assertion message: when the change alters how a test fails (a task to fix that
    /// very test, made worse or only half done), it is the session's failure, not the base's.
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The key.</returns>
    internal static string Key(ValidationFinding finding)
    {
        if (finding.TestName is not null)
        {
            return string.Join('\u001f', "test", finding.TestName, Whitespace().Replace(finding.Message, " ").Trim());
        }

        var message = Digits().Replace(Whitespace().Replace(finding.Message, " ").Trim(), "#");
        return string.Join('\u001f', "diag", finding.File, finding.Code, message);
    }

    [GeneratedRegex(@" \(\d+ problems?(, \d+ pre-existing on the base)?\)$")]
    private static partial Regex Counts();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
