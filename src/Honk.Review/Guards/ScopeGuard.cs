using System.Globalization;
using System.Text.RegularExpressions;
using Honk.Globbing;

namespace Honk.Review;

/// <summary>
/// A deterministic guard against scope creep: the change must stay within a number of files and lines, touch only
/// the task's allowed paths when it names any, and never add build outputs, dependency folders or local secrets.
/// </summary>
/// <remarks>
/// Lockfiles and generated files (<see cref="ScopeGuardOptions.ExcludedFromLimits"/>) do not count towards the limits.
/// Allowed paths are globs relative to the repository root (<c>src/Orders/**</c>, <c>**/*.md</c>); a plain folder
/// covers everything in it. A renamed file must be allowed at both its old and its new path. A lockfile may change
/// outside the allowed paths together with its manifest (<see cref="ScopeGuardOptions.LockfilesFollowManifests"/>).
/// </remarks>
public sealed partial class ScopeGuard : Judge
{
    /// <summary>The guard's name, as reported in verdict events.</summary>
    public const string GuardName = "scope-guard";

    private const string Heading =
        "The change goes beyond the task's scope. Keep it to what the task needs: restore files you did not need to "
        + "change (git restore <path>), delete files you added by mistake, then finish again:";

    private readonly ScopeGuardOptions _options;
    private readonly PathGlob[] _excluded;
    private readonly PathGlob[] _forbidden;

    /// <summary>Creates the guard.</summary>
    /// <param name="options">Its settings; the defaults when <see langword="null"/>.</param>
    public ScopeGuard(ScopeGuardOptions? options = null)
    {
        _options = options ?? new ScopeGuardOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFeedbackChars, 200, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxChangedFiles ?? 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxChangedLines ?? 1, nameof(options));
        _excluded = [.. _options.ExcludedFromLimits.Select(PathGlob.ParseLenient)];
        _forbidden = [.. _options.ForbiddenPaths.Select(PathGlob.ParseLenient)];
    }

    /// <inheritdoc />
    public override string Name => GuardName;

    /// <inheritdoc />
    public override bool IsGuard => true;

    /// <summary>Lists the scope violations of a change.</summary>
    /// <param name="diff">The change.</param>
    /// <param name="changedFiles">The changed paths as the workspace reports them (files the diff may not show are counted too).</param>
    /// <param name="task">The task, whose allowed paths bound the change.</param>
    /// <returns>The violations; empty when the change is in scope.</returns>
    public IReadOnlyList<GuardViolation> FindViolations(UnifiedDiff diff, IReadOnlyList<string> changedFiles, CodingTask task)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(changedFiles);
        ArgumentNullException.ThrowIfNull(task);
        var files = diff.Files.ToList();
        var known = files.SelectMany(f => new[] { f.NewPath, f.OldPath }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var extra = changedFiles.Select(PathGlob.NormalizePath).Where(p => p.Length > 0 && known.Add(p)).ToList();

        var violations = new List<GuardViolation>();
        CheckLimits(files, extra, violations);
        CheckForbidden(files, extra, violations);
        CheckAllowedPaths(files, extra, task, violations);
        return violations;
    }

    /// <inheritdoc />
    protected override ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var violations = FindViolations(UnifiedDiff.Parse(context.Diff), context.ChangedFiles, context.Task);
        return ValueTask.FromResult(violations.Count == 0
            ? Verdict.Approve()
            : Verdict.Veto(GuardFeedback.Format(Heading, violations, _options.MaxFeedbackChars)));
    }

    private void CheckLimits(List<FileDiff> files, List<string> extra, List<GuardViolation> violations)
    {
        var counted = files.Where(f => !IsExcluded(f)).ToList();
        var extraCounted = extra.Where(p => !_excluded.Any(g => g.IsMatchOrBelow(p))).ToList();
        var fileCount = counted.Count + extraCounted.Count;
        if (_options.MaxChangedFiles is { } maxFiles && fileCount > maxFiles)
        {
            violations.Add(new("too-many-files", "", null, string.Create(CultureInfo.InvariantCulture,
                $"{fileCount} files changed; this task allows at most {maxFiles}. Revert changes the task does not need.")));
        }

        var lines = counted.Sum(f => f.AddedLines + f.RemovedLines);
        if (_options.MaxChangedLines is { } maxLines && lines > maxLines)
        {
            var largest = counted.OrderByDescending(f => f.AddedLines + f.RemovedLines).Take(5)
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Path} (+{f.AddedLines} -{f.RemovedLines})"));
            violations.Add(new("too-many-lines", "", null, string.Create(CultureInfo.InvariantCulture,
                $"{lines} lines changed; this task allows at most {maxLines}. Largest: {string.Join(", ", largest)}. Make a smaller change.")));
        }
    }

    private void CheckForbidden(List<FileDiff> files, List<string> extra, List<GuardViolation> violations)
    {
        var written = files.Where(f => f.Kind != FileChangeKind.Deleted).Select(f => f.Path).Concat(extra);
        foreach (var path in written.Where(p => _forbidden.Any(g => g.IsMatchOrBelow(p))))
        {
            violations.Add(new("forbidden-path", path, null,
                "this is a build output, a dependency folder or a local secret, which must not be part of the change. Delete it (and list it in .gitignore if needed)."));
        }
    }

    private void CheckAllowedPaths(List<FileDiff> files, List<string> extra, CodingTask task, List<GuardViolation> violations)
    {
        if (task.AllowedPaths.Count == 0)
        {
            return;
        }

        var allowed = task.AllowedPaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(PathGlob.ParseLenient).ToArray();
        var all = files.Select(f => f.Path).Concat(extra).ToList();
        bool IsAllowed(string path) => allowed.Any(g => g.IsMatchOrBelow(path));
        bool FollowsManifest(string path) => _options.LockfilesFollowManifests && PathKinds.IsLockfile(path)
            && all.Any(other => PathKinds.IsManifestOf(path, other) && IsAllowed(other));

        var scope = string.Join(", ", allowed.Select(g => g.Pattern));
        foreach (var file in files)
        {
            var outside = new[] { file.NewPath, file.OldPath }.OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(p => !IsAllowed(p) && !FollowsManifest(p)).ToList();
            if (outside.Count > 0)
            {
                var what = file.Kind switch
                {
                    FileChangeKind.Added => "was added",
                    FileChangeKind.Deleted => "was deleted",
                    FileChangeKind.Renamed or FileChangeKind.Copied => $"was moved or copied from {file.OldPath}",
                    _ => "was modified",
                };
                violations.Add(new("outside-allowed-paths", file.Path, null,
                    $"{what}, but the task only allows changes under {scope}. Undo this change."));
            }
        }

        foreach (var path in extra.Where(p => !IsAllowed(p) && !FollowsManifest(p)))
        {
            violations.Add(new("outside-allowed-paths", path, null, $"was changed, but the task only allows changes under {scope}. Undo this change."));
        }
    }

    private bool IsExcluded(FileDiff file)
    {
        if (_excluded.Any(g => g.IsMatchOrBelow(file.Path)))
        {
            return true;
        }

        var head = file.Hunks.Count > 0 && file.Hunks[0].NewStart <= 1
            ? file.Hunks[0].Lines.Where(l => l.Kind != DiffLineKind.Removed).Take(5)
            : [];
        return head.Any(l => GeneratedMarker().IsMatch(l.Text));
    }

    [GeneratedRegex(@"<auto-generated|@generated\b|Code generated .* DO NOT EDIT|\bDO NOT EDIT\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedMarker();
}
