namespace Honk;

/// <summary>
/// The outcome rules, in one place: what blocks the stop gate, and how a session that changed nothing ends. The
/// session loop (<c>AgentSession</c>, and so <see cref="HonkAgent"/>, <c>honk run</c> and the host) decides with these
/// and nothing else; <c>docs/cli.md</c> has them as a table.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>succeeded</c> only when the final gate ran on the change and no report in it <see cref="Blocks"/>.</item>
/// <item>A failure the untouched base already had is tolerated (listed as pre-existing, not blocking) only when it is not
/// the session's business — the baseline decides that when it marks findings
/// (<see cref="ValidationFinding.PreExisting"/>); the task may choose <see cref="PreExistingFailures.Strict"/> or
/// <see cref="PreExistingFailures.Tolerant"/>.</item>
/// <item>"No tests ran" and broken runs (<see cref="ValidationResult.FailureKind"/>) always block.</item>
/// <item>Checks that cannot run in this environment (<see cref="ValidationFailureKind.Environment"/>: the untouched base
/// fails the same way where the change can neither cause nor cure it — a missing dependency, a third party's module the
/// machine lacks — or the validator's toolchain is not installed) block too — never a
/// pass — but are not sent to the model as a fix request: when they are all that blocks, the session ends
/// <c>validation_failed</c> at once, saying so (<see cref="EnvironmentStop"/>).</item>
/// <item>No change ends <c>no_changes</c> only when the model reported not-applicable or the checks pass on the untouched
/// tree; otherwise <c>failed</c>, saying so (<see cref="NoChange"/>).</item>
/// <item>The result carries the last validation the session ran, the gate's or the <c>validate</c> tool's.</item>
/// </list>
/// </remarks>
public static class OutcomeRules
{
    /// <summary>Whether a validator's report blocks the stop gate for this task.</summary>
    /// <param name="report">The report.</param>
    /// <param name="policy">The task's <see cref="CodingTask.PreExistingFailures"/>.</param>
    /// <returns>True when it failed, unless every failure in it was already on the base and tolerated.</returns>
    public static bool Blocks(ValidatorReport report, PreExistingFailures policy = PreExistingFailures.Auto)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Passed)
        {
            return false;
        }

        return policy == PreExistingFailures.Strict || !report.Result.OnlyPreExistingFailures;
    }

    /// <summary>Whether any report blocks the stop gate for this task.</summary>
    /// <param name="reports">The reports of one validation.</param>
    /// <param name="policy">The task's <see cref="CodingTask.PreExistingFailures"/>.</param>
    /// <returns>True when at least one blocks.</returns>
    public static bool AnyBlocks(IEnumerable<ValidatorReport> reports, PreExistingFailures policy = PreExistingFailures.Auto)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports.Any(r => Blocks(r, policy));
    }

    /// <summary>
    /// When everything that blocks is the environment (<see cref="ValidationFailureKind.Environment"/>), the message the
    /// session ends with (<c>validation_failed</c>) instead of sending the model back: it cannot fix a machine that lacks
    /// a dependency or tool, and the checks cannot vouch for the change.
    /// </summary>
    /// <param name="reports">The reports of one validation.</param>
    /// <param name="policy">The task's <see cref="CodingTask.PreExistingFailures"/>.</param>
    /// <returns>The message, or <see langword="null"/> when nothing blocks or something the model can fix blocks.</returns>
    public static string? EnvironmentStop(IEnumerable<ValidatorReport> reports, PreExistingFailures policy = PreExistingFailures.Auto)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var blocking = reports.Where(r => Blocks(r, policy)).ToList();
        if (blocking.Count == 0 || blocking.Any(r => r.Result.FailureKind != ValidationFailureKind.Environment))
        {
            return null;
        }

        // Two causes reach here: the untouched base fails the same way where the change can neither cause nor cure it
        // (a dependency or module the machine lacks), or a validator's toolchain is not installed at all.
        return $"The repository's checks cannot run in this environment ({string.Join(", ", blocking.Select(r => r.Name))}): a dependency, module or toolchain "
            + $"is missing here (the untouched base fails the same way), which no change of the model can mend, so it was not asked to. Nothing vouches for the change: {OneLine(blocking[0].Summary)}";
    }

    /// <summary>
    /// The failures the reports tolerate as pre-existing (already on the base and not the session's business), as
    /// <c>validator: finding</c> lines, for the result, <c>--json</c>, the pull request and the review page.
    /// </summary>
    /// <param name="reports">The reports.</param>
    /// <param name="policy">The task's <see cref="CodingTask.PreExistingFailures"/>.</param>
    /// <returns>The tolerated failures, in report order.</returns>
    public static IReadOnlyList<string> Tolerated(IEnumerable<ValidatorReport> reports, PreExistingFailures policy = PreExistingFailures.Auto)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (policy == PreExistingFailures.Strict)
        {
            return [];
        }

        return [.. reports
            .Where(r => !r.Passed && r.Result.FailureKind == ValidationFailureKind.Checks)
            .SelectMany(r => r.Result.Findings.Where(f => f.PreExisting).Select(f => $"{r.Name}: {OneLine(f.ToString())}"))];
    }

    /// <summary>
    /// How a session ends when the model stopped without changing any file.
    /// </summary>
    /// <param name="notApplicableReason">What the model reported as not applicable, or <see langword="null"/>.</param>
    /// <param name="untouchedTree">
    /// The validators' reports on the untouched tree (the gate run when the model stopped), or <see langword="null"/>
    /// when the session has no validators.
    /// </param>
    /// <returns>
    /// <c>no_changes</c> when not applicable or the checks pass there (or there are none); otherwise <c>failed</c>,
    /// naming the failing checks.
    /// </returns>
    public static (SessionStatus Status, string Message) NoChange(string? notApplicableReason, IReadOnlyList<ValidatorReport>? untouchedTree)
    {
        if (notApplicableReason is not null)
        {
            return (SessionStatus.NoChanges, $"Not applicable: {notApplicableReason}");
        }

        if (untouchedTree is null)
        {
            return (SessionStatus.NoChanges, "The model finished without changing any file (no validator is configured).");
        }

        // On the untouched tree nothing is "pre-existing": every failure is there now, and nothing was done about it.
        var failing = untouchedTree.Where(r => !r.Passed).ToList();
        if (failing.Count == 0)
        {
            return (SessionStatus.NoChanges, untouchedTree.Count == 0
                ? "The model finished without changing any file; no validator applies to this repository."
                : $"The model finished without changing any file; the checks pass on the untouched tree ({string.Join(", ", untouchedTree.Select(r => r.Name))}).");
        }

        var first = failing[0];
        return (SessionStatus.Failed,
            $"The model stopped without changing any file while the repository's checks fail ({string.Join(", ", failing.Select(r => r.Name))}): {OneLine(first.Summary)}");
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..297] + "...";
    }
}
