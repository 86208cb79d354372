using Honk.Globbing;

namespace Honk.Review;

/// <summary>
/// A deterministic guard against getting green by weakening the checks: deleted or emptied test files, removed tests,
/// added skips or focus, removed or trivial assertions, test projects dropped from a solution, relaxed CI, lint,
/// build-warning or coverage settings. Each violation is reported with its file and line, phrased so the model can undo it.
/// </summary>
/// <remarks>
/// Adding and fixing tests is never a violation. A session whose task is to remove or disable tests sets
/// <see cref="TestIntegrityGuardOptions.AllowTestChanges"/>; a task's allowed paths do not lift the guard.
/// </remarks>
public sealed class TestIntegrityGuard : Judge
{
    /// <summary>The guard's name, as reported in verdict events.</summary>
    public const string GuardName = "test-integrity-guard";

    private const string Heading =
        "The change weakens the repository's tests or checks. Make the checks pass by fixing the code under test, not by "
        + "changing the tests or their settings. Undo these edits:";

    private readonly TestIntegrityGuardOptions _options;
    private readonly PathGlob[] _ignored;

    /// <summary>Creates the guard.</summary>
    /// <param name="options">Its settings; the defaults when <see langword="null"/>.</param>
    public TestIntegrityGuard(TestIntegrityGuardOptions? options = null)
    {
        _options = options ?? new TestIntegrityGuardOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFeedbackChars, 200, nameof(options));
        _ignored = [.. _options.IgnoredPaths.Select(PathGlob.ParseLenient)];
    }

    /// <inheritdoc />
    public override string Name => GuardName;

    /// <inheritdoc />
    public override bool IsGuard => true;

    /// <summary>Lists the violations in a diff (ignoring <see cref="TestIntegrityGuardOptions.IgnoredPaths"/>).</summary>
    /// <param name="diff">The change.</param>
    /// <returns>The violations, in diff order; empty when the change keeps the checks intact.</returns>
    public IReadOnlyList<GuardViolation> FindViolations(UnifiedDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var files = diff.Files.Where(f => !IsIgnored(f)).ToList();
        var violations = new List<GuardViolation>();
        TestCodeRules.Inspect(files, violations);
        ConfigRules.Inspect(files, violations);
        var order = files.Select((f, i) => (f.Path, i)).GroupBy(x => x.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return [.. violations.OrderBy(v => order.GetValueOrDefault(v.Path, int.MaxValue)).ThenBy(v => v.Line ?? 0)];
    }

    /// <inheritdoc />
    protected override ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.AllowTestChanges)
        {
            return ValueTask.FromResult(Verdict.Approve("Test and check changes are allowed for this session; not inspected."));
        }

        var violations = FindViolations(UnifiedDiff.Parse(context.Diff));
        return ValueTask.FromResult(violations.Count == 0
            ? Verdict.Approve()
            : Verdict.Veto(GuardFeedback.Format(Heading, violations, _options.MaxFeedbackChars)));
    }

    private bool IsIgnored(FileDiff file)
        => _ignored.Any(g => (file.NewPath is { } n && g.IsMatchOrBelow(n)) || (file.OldPath is { } o && g.IsMatchOrBelow(o)));
}
