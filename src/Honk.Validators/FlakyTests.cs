namespace Honk.Validators;

/// <summary>
/// The flaky-test rule of one validation: a test step's failing tests are re-run once (by the validator's
/// <c>RerunTestsAsync</c>); those that pass this time are flaky. A flaky test is tolerated by the same policy as a
/// failure the base already had (<see cref="FailureBusiness"/>) — unless it is the session's business — and the
/// summary's notes say which were tolerated and which are still the session's to fix.
/// </summary>
/// <remarks>The policy needs a scan of the repository: it is made once per validation, when a first test proves flaky.</remarks>
internal sealed class FlakyTests
{
    private readonly ValidationContext _context;
    private readonly ValidatorOptions _options;
    private Task<FailureBusiness>? _business;

    /// <summary>Creates the rule for one validation.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="options">The validator's options (<see cref="ValidatorOptions.RerunFailedTests"/>, <see cref="ValidatorOptions.MaxFlakyReruns"/>).</param>
    public FlakyTests(ValidationContext context, ValidatorOptions options)
    {
        _context = context;
        _options = options;
    }

    /// <summary>
    /// Re-runs a failed test step's failing tests and takes out of <paramref name="findings"/> the flaky ones that may be
    /// tolerated, noting them (and those that may not) in <paramref name="notes"/>.
    /// </summary>
    /// <param name="findings">The step's findings; tolerated flaky tests are removed.</param>
    /// <param name="rerun">Re-runs these failures and returns the names of those that passed.</param>
    /// <param name="notes">The validation's notes.</param>
    /// <param name="cancellationToken">Cancels the re-run.</param>
    /// <returns>How many flaky tests were tolerated.</returns>
    public async Task<int> SettleAsync(
        List<ValidationFinding> findings, Func<IReadOnlyList<ValidationFinding>, Task<IReadOnlyCollection<string>>> rerun, List<string> notes, CancellationToken cancellationToken)
    {
        var flaky = await FindAsync(findings, rerun, cancellationToken).ConfigureAwait(false);
        if (flaky.Count == 0)
        {
            return 0;
        }

        // A flaky test is tolerated by the same rule as a failure the base already had: unless it is the session's
        // business (the task names it or its file, the change touches its file or project).
        var business = await (_business ??= FailureBusiness.ForContextAsync(_context, cancellationToken)).ConfigureAwait(false);
        var root = _context.Workspace.RootPath;
        var yours = new List<string>();
        var tolerated = new List<string>();
        foreach (var name in flaky)
        {
            var finding = CommandValidator.Relativize(findings.First(f => f.TestName == name), root);
            if (business.Reason(finding) is { } reason)
            {
                yours.Add($"{finding.TestName} ({reason})");
            }
            else
            {
                tolerated.Add(finding.TestName!);
            }
        }

        if (tolerated.Count > 0)
        {
            notes.Add($"{CommandValidator.FlakyNote}: {string.Join(", ", tolerated)}");
            findings.RemoveAll(f => f.TestName is not null && tolerated.Contains(CommandValidator.RelativizeText(f.TestName, root)!));
        }

        if (yours.Count > 0)
        {
            notes.Add($"{CommandValidator.FlakyNote}, yet yours to fix: {string.Join(", ", yours)}");
        }

        return tolerated.Count;
    }

    /// <summary>The failing tests that passed on their re-run; none when a failure is not a test, or there are too many.</summary>
    private async Task<IReadOnlyList<string>> FindAsync(
        List<ValidationFinding> findings, Func<IReadOnlyList<ValidationFinding>, Task<IReadOnlyCollection<string>>> rerun, CancellationToken cancellationToken)
    {
        var failures = findings.Where(f => f.TestName is not null).DistinctBy(f => f.TestName, StringComparer.Ordinal).ToList();
        if (!_options.RerunFailedTests || failures.Count == 0 || failures.Count > _options.MaxFlakyReruns || findings.Any(f => f.TestName is null))
        {
            return [];
        }

        try
        {
            var passed = await rerun(failures).ConfigureAwait(false);
            return [.. failures.Select(f => f.TestName!).Where(passed.Contains)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A re-run that cannot happen leaves the failures as they are.
            return [];
        }
    }
}
