namespace Honk.Review;

/// <summary>
/// A parsed unified diff, as produced by <c>git diff</c> (renames, copies, new and deleted files, mode changes, binary
/// files, quoted paths) or by plain <c>diff -u</c>. Parsing never throws: text it does not understand is skipped.
/// </summary>
public sealed class UnifiedDiff
{
    private UnifiedDiff(IReadOnlyList<FileDiff> files)
    {
        Files = files;
        AddedLines = files.Sum(f => f.AddedLines);
        RemovedLines = files.Sum(f => f.RemovedLines);
    }

    /// <summary>An empty diff.</summary>
    public static UnifiedDiff Empty { get; } = new([]);

    /// <summary>The files, in the order the diff lists them.</summary>
    public IReadOnlyList<FileDiff> Files { get; }

    /// <summary>Number of added lines over all files.</summary>
    public int AddedLines { get; }

    /// <summary>Number of removed lines over all files.</summary>
    public int RemovedLines { get; }

    /// <summary>Parses a unified diff.</summary>
    /// <param name="diff">The diff text; may be empty.</param>
    /// <returns>The parsed diff.</returns>
    public static UnifiedDiff Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return diff.Length == 0 ? Empty : new UnifiedDiff(UnifiedDiffParser.Parse(diff));
    }
}
