using System.Globalization;
using Honk.Git;

namespace Honk.Server;

/// <summary>
/// The stop gate of a conflict round (<c>merge-conflicts</c>): refuses to let the session finish while the prepared
/// merge still has a conflict marker in a file (named by file and line) or an unmerged entry in the index, and when
/// the merge itself is gone (aborted, or committed by the model, which would lose the base as a parent).
/// </summary>
/// <remarks>Only added to conflict rounds (see <see cref="PullRequestMergePreparation"/>), after the baseline wrapper: a
/// marker is never "pre-existing".</remarks>
public sealed class MergeConflictValidator : Validator
{
    /// <summary>The validator's name.</summary>
    public const string ValidatorName = "merge-conflicts";

    private const int MaxFindings = 20;
    private readonly GitRunner _git;
    private readonly IReadOnlyList<string> _conflicted;
    private readonly string _mergeHead;

    /// <summary>Creates the check for one prepared merge.</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="mergeHead">The base commit being merged (git's <c>MERGE_HEAD</c>).</param>
    /// <param name="conflicted">The files that conflicted when the merge was prepared (relative, <c>/</c>-separated).</param>
    public MergeConflictValidator(GitRunner git, string mergeHead, IReadOnlyList<string> conflicted)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentException.ThrowIfNullOrWhiteSpace(mergeHead);
        ArgumentNullException.ThrowIfNull(conflicted);
        _git = git;
        _mergeHead = mergeHead;
        _conflicted = conflicted;
    }

    /// <inheritdoc />
    public override string Name => ValidatorName;

    /// <inheritdoc />
    protected override async ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var root = context.Workspace.RootPath;
        var findings = new List<ValidationFinding>();
        var mergeHead = await _git.RunAsync(root, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], cancellationToken).ConfigureAwait(false);
        if (!mergeHead.Succeeded || !string.Equals(mergeHead.Text, _mergeHead, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new ValidationFinding(
                $"The merge of {PullRequestRebaser.Short(_mergeHead)} is no longer in progress (was it committed, aborted or reset?). Do not commit: Honk commits the merge with both parents. The session cannot deliver it now.")
            { Code = "merge-lost" });
        }

        var unmerged = await _git.RunCheckedAsync(root, ["ls-files", "--unmerged", "-z"], cancellationToken).ConfigureAwait(false);
        var unmergedPaths = unmerged.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry[(entry.IndexOf('\t', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in _conflicted.Union(unmergedPaths, StringComparer.Ordinal))
        {
            findings.AddRange(Markers(root, path));
        }

        foreach (var path in unmergedPaths)
        {
            findings.Add(new ValidationFinding($"{path}: still unmerged in the index; resolve it, then run `git add {path}` (or `git rm` to take a deletion).") { File = path, Code = "unmerged" });
        }

        if (findings.Count == 0)
        {
            return ValidationResult.Success($"No conflict markers or unmerged files left ({_conflicted.Count.ToString(CultureInfo.InvariantCulture)} file(s) had conflicts).");
        }

        var files = findings.Where(f => f.File is not null).Select(f => f.File!).Distinct(StringComparer.Ordinal).ToList();
        var summary = files.Count > 0
            ? $"The merge is not resolved: {string.Join(", ", findings.Where(f => f.File is not null).Take(5).Select(f => f.Line is { } line ? $"{f.File}:{line.ToString(CultureInfo.InvariantCulture)}" : f.File))}."
            : findings[0].Message;
        return ValidationResult.Failure(summary, findings.Take(MaxFindings));
    }

    /// <summary>Conflict-marker lines of one file (<c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c>, <c>|||||||</c>, <c>=======</c> inside a conflict, <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c>).</summary>
    internal static IEnumerable<ValidationFinding> Markers(string root, string path)
    {
        var full = Path.Combine(root, path);
        if (!File.Exists(full))
        {
            yield break;
        }

        var lineNumber = 0;
        var inConflict = false;
        foreach (var line in File.ReadLines(full))
        {
            lineNumber++;
            var marker = line.StartsWith("<<<<<<<", StringComparison.Ordinal) ? "<<<<<<<"
                : line.StartsWith(">>>>>>>", StringComparison.Ordinal) ? ">>>>>>>"
                : inConflict && (line.StartsWith("=======", StringComparison.Ordinal) || line.StartsWith("|||||||", StringComparison.Ordinal)) ? line[..7]
                : null;
            if (marker is null)
            {
                continue;
            }

            inConflict = marker != ">>>>>>>";
            yield return new ValidationFinding($"{path}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: conflict marker '{marker}' left in; resolve the conflict and remove every marker.")
            {
                File = path,
                Line = lineNumber,
                Code = "conflict-marker",
            };
        }
    }
}
