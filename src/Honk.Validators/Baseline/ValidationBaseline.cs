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
    /// The absolute root of the checkout the base ran in, when known: messages are compared with it taken out, since
    /// the session's and the base's worktrees live in different folders.
    /// </summary>
    public string? RootPath { get; init; }

    /// <summary>
    /// The git directory the base checkout's <c>.git</c> file named (<c>&lt;mirror&gt;/worktrees/&lt;id&gt;</c>), read while the
    /// checkout existed: the host removes the base's worktree right after the capture, so it cannot be read at comparison
    /// time, and tests that run git in the sandbox name it in their failures.
    /// </summary>
    public string? GitDirectory { get; init; }

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

        var root = baseContext.Workspace.RootPath;
        return new ValidationBaseline(reports) { RootPath = root, GitDirectory = WorktreeGitDirectory(root) };
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
        => MarkPreExisting(current, baseline, new BaselineComparison());

    /// <summary>
    /// Marks the findings of <paramref name="current"/> that the base run already had as
    /// <see cref="ValidationFinding.PreExisting"/> — comparing them with both checkouts' roots taken out of paths and
    /// messages, and leaving unmarked those that are the session's business — and re-renders the summary. "No tests
    /// ran" and broken runs (<see cref="ValidationResult.FailureKind"/>), on either side, are never marked.
    /// </summary>
    /// <param name="current">The result on the session's workspace.</param>
    /// <param name="baseline">The same validator's result on the base.</param>
    /// <param name="comparison">The two roots and the session's-business rule.</param>
    /// <returns>The marked result; <paramref name="current"/> itself when it passed or nothing matched.</returns>
    public static ValidationResult MarkPreExisting(ValidationResult current, ValidationResult baseline, BaselineComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(comparison);
        if (current.Outcome != ValidationOutcome.Failed || baseline.Outcome != ValidationOutcome.Failed)
        {
            return current;
        }

        // "No tests ran" and a broken run are never "already there": they say nothing about the code, on either side.
        if (current.FailureKind != ValidationFailureKind.Checks || baseline.FailureKind != ValidationFailureKind.Checks)
        {
            return current;
        }

        var known = baseline.Findings.Select(f => Key(f, comparison.BaseRoot, comparison.BaseGitDirectory)).ToHashSet(StringComparer.Ordinal);
        var yours = new List<(string Reason, string Name)>();
        var environment = new List<(string Message, string? Place)>();
        var fresh = new List<ValidationFinding>();
        var unexplained = 0;
        var lines = current.Summary.Split('\n');

        // The base's failure may be tolerated; tests that never ran are not.
        var testsNotRun = lines.Skip(1).Where(l => l.StartsWith(CommandValidator.TestsNotRunNote, StringComparison.Ordinal)).ToList();
        var marked = new List<ValidationFinding>(current.Findings.Count);
        var notStarted = false;
        foreach (var finding in current.Findings)
        {
            if (finding.Code == CommandValidator.NotStartedCode)
            {
                // Steps the time limit left no room for: like tests that never ran, neither the base's nor the change's.
                notStarted = true;
                marked.Add(finding);
                continue;
            }

            if (finding.PreExisting || !known.Contains(Key(finding, comparison.SessionRoot)))
            {
                unexplained += finding.PreExisting ? 0 : 1;
                if (!finding.PreExisting)
                {
                    fresh.Add(finding);
                }

                marked.Add(finding);
                continue;
            }

            if (comparison.BusinessReason?.Invoke(finding) is { } reason)
            {
                if (comparison.IsEnvironment?.Invoke(finding) == true)
                {
                    environment.Add((Cut(finding.Message), finding.TestName ?? finding.File));
                }
                else
                {
                    unexplained++;
                    yours.Add((reason, finding.TestName ?? finding.File ?? finding.Code ?? Cut(finding.Message)));
                }

                marked.Add(finding);
                continue;
            }

            marked.Add(finding with { PreExisting = true });
        }

        if (yours.Count == 0 && environment.Count == 0 && marked.SequenceEqual(current.Findings))
        {
            return current;
        }

        var headline = Counts().Replace(lines[0], "");
        var flaky = lines.Skip(1).Where(l => l.StartsWith(CommandValidator.FlakyNote, StringComparison.Ordinal)).Concat(testsNotRun).ToList();
        if ((environment.Count > 0 || testsNotRun.Count > 0 || notStarted) && unexplained == 0)
        {
            // Nothing the change could cause or cure is left, yet the checks did not run to the end: not a pass, and
            // not a fix request either.
            var note = environment.Count > 0
                ? "the same failure on the untouched base, which the change cannot cause or cure (it touches no project or build file): "
                    + "the checks cannot run in this environment (a missing dependency, module, tool or service), not a problem of the change"
                : testsNotRun.Count > 0
                    ? "the untouched base fails the same way, outside what the change touches, and that failure stops the checks before the tests: "
                        + "they cannot vouch for the change until the base is mended or the environment provides what is missing"
                    : "what ran failed only as on the untouched base, outside what the change touches, and the time limit left no room for the rest: "
                        + "the checks cannot vouch for the change (not a problem of the change)";
            return ValidationResult.Failure(new SummaryBuilder().Failure(headline + " (environment)", marked, [.. flaky, note]), marked, ValidationFailureKind.Environment);
        }

        // One line per reason, not per failure, and what the change broke first: fifteen old failures of a touched
        // project, one line each, filled the summary and cut the new failure from the model's feedback (Textualize/rich).
        var yoursNotes = yours.GroupBy(y => y.Reason, StringComparer.Ordinal)
            .Select(g => $"also failing on the base, but yours to fix ({g.Key}): {string.Join(", ", g.Select(y => y.Name))}");
        // The same missing module in three test modules is one note, not three identical lines (rich); the findings
        // below name each place (a list here would be cut from the summary's line).
        var environmentNotes = environment.GroupBy(e => e.Message, StringComparer.Ordinal).Select(g =>
        {
            var places = g.Select(e => e.Place ?? "").Distinct(StringComparer.Ordinal).Count();
            var where = places > 1 ? $" (in {places} places)" : "";
            return $"also failing on the base, and no file of the change can cause it (the environment; it still blocks, since the checks cannot vouch for the change): {g.Key}{where}";
        });
        List<ValidationFinding> ordered = [.. fresh, .. marked.Where(f => !fresh.Contains(f))];
        return ValidationResult.Failure(new SummaryBuilder().Failure(headline, ordered, [.. flaky, .. yoursNotes, .. environmentNotes]), ordered);
    }

    /// <summary>
    /// The identity of a finding across runs: what failed, not where the lines happen to be now. A failing test is the
    /// same failure only with the same assertion message: when the change alters how a test fails (a task to fix that
    /// very test, made worse or only half done), it is the session's failure, not the base's.
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The key.</returns>
    /// <param name="root">The absolute root of the checkout the finding comes from, taken out of its paths and message.</param>
    /// <param name="gitDirectory">
    /// That checkout's git directory when it was read earlier (the checkout may be gone); else it is read from the root's
    /// <c>.git</c> file.
    /// </param>
    internal static string Key(ValidationFinding finding, string? root = null, string? gitDirectory = null)
    {
        var text = Whitespace().Replace(WithoutRoot(finding.Message, root, gitDirectory), " ").Trim();
        if (finding.TestName is not null)
        {
            return string.Join('\u001f', "test", finding.TestName, text);
        }

        var file = finding.File is null ? null : WithoutRoot(finding.File.Replace('\\', '/'), root);
        return string.Join('\u001f', "diag", file, finding.Code, Digits().Replace(text, "#"));
    }

    /// <summary>Takes an absolute checkout root (and its link-resolved form) out of a text: <c>/w/abc/src/A.cs</c> becomes <c>src/A.cs</c>.</summary>
    /// <param name="text">A message or path.</param>
    /// <param name="root">The root, or <see langword="null"/> to leave the text as it is.</param>
    /// <param name="gitDirectory">The root's git directory when known already; else read from the root's <c>.git</c> file.</param>
    /// <returns>The text with repository-relative paths.</returns>
    internal static string WithoutRoot(string text, string? root, string? gitDirectory = null)
    {
        if (string.IsNullOrEmpty(root) || text.Length == 0)
        {
            return text;
        }

        // A worktree's git directory (<mirror>/worktrees/<id>, named in the root's .git file) differs between the
        // session's and the base's checkouts: tests that run git in the sandbox name it in their failures.
        if ((gitDirectory ?? WorktreeGitDirectory(root)) is { Length: > 1 } known)
        {
            text = text.Replace(known, "<git-dir>", StringComparison.Ordinal);
        }

        foreach (var form in RootForms(root))
        {
            text = text.Replace(form + "/", "", StringComparison.Ordinal);
            text = Regex.Replace(text, Regex.Escape(form) + @"(?![\w.-])", ".", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return text;
    }

    private static string? WorktreeGitDirectory(string root)
    {
        try
        {
            var dotGit = Path.Combine(root, ".git");
            if (!File.Exists(dotGit) || new FileInfo(dotGit).Length > 4096)
            {
                return null;
            }

            var line = File.ReadAllText(dotGit).Trim();
            const string Prefix = "gitdir:";
            return line.StartsWith(Prefix, StringComparison.Ordinal) && line[Prefix.Length..].Trim() is { Length: > 1 } path
                ? path.TrimEnd('/')
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> RootForms(string root)
    {
        var trimmed = root.TrimEnd('/', '\\');
        yield return trimmed;
        string? resolved = null;
        try
        {
            resolved = new DirectoryInfo(trimmed).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            // Not a link, or gone: the literal form is enough.
        }

        if (resolved is not null && resolved != trimmed)
        {
            yield return resolved.TrimEnd('/');
        }
    }

    private static string Cut(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    [GeneratedRegex(@" \(\d+ problems?(, \d+ pre-existing on the base)?\)$")]
    private static partial Regex Counts();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
