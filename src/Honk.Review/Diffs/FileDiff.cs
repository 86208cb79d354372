namespace Honk.Review;

/// <summary>The part of a unified diff that concerns one file.</summary>
public sealed class FileDiff
{
    internal FileDiff(FileChangeKind kind, string? oldPath, string? newPath, bool isBinary, int? similarity, IReadOnlyList<DiffHunk> hunks, string headerText)
    {
        Kind = kind;
        OldPath = oldPath;
        NewPath = newPath;
        IsBinary = isBinary;
        Similarity = similarity;
        Hunks = hunks;
        HeaderText = headerText;
        AddedLines = hunks.Sum(h => h.AddedLines);
        RemovedLines = hunks.Sum(h => h.RemovedLines);
    }

    /// <summary>What happened to the file.</summary>
    public FileChangeKind Kind { get; }

    /// <summary>The path before the change ('/' separated, without the <c>a/</c> prefix); <see langword="null"/> for an added file.</summary>
    public string? OldPath { get; }

    /// <summary>The path after the change; <see langword="null"/> for a deleted file.</summary>
    public string? NewPath { get; }

    /// <summary>The path to talk about: the new path, or the old one for a deleted file.</summary>
    public string Path => NewPath ?? OldPath ?? "";

    /// <summary>True when git reported a binary change (no hunks).</summary>
    public bool IsBinary { get; }

    /// <summary>The similarity index of a rename or copy, in percent, when git gave one.</summary>
    public int? Similarity { get; }

    /// <summary>The hunks in order; empty for binary files, pure renames, mode changes and empty new files.</summary>
    public IReadOnlyList<DiffHunk> Hunks { get; }

    /// <summary>The lines before the first hunk (<c>diff --git</c>, <c>index</c>, <c>---</c>, <c>+++</c> …), newline-terminated.</summary>
    public string HeaderText { get; }

    /// <summary>Number of added lines over all hunks.</summary>
    public int AddedLines { get; }

    /// <summary>Number of removed lines over all hunks.</summary>
    public int RemovedLines { get; }

    /// <summary>The file's whole section of the diff: the header followed by every hunk.</summary>
    public string Text => HeaderText + string.Concat(Hunks.Select(h => h.Text));

    /// <summary>Every added and removed line of the file, in order.</summary>
    public IEnumerable<DiffLine> ChangedLines => Hunks.SelectMany(h => h.Lines).Where(l => l.Kind != DiffLineKind.Context);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FileChangeKind.Renamed => $"{OldPath} -> {NewPath} (renamed, +{AddedLines} -{RemovedLines})",
        FileChangeKind.Copied => $"{OldPath} -> {NewPath} (copied, +{AddedLines} -{RemovedLines})",
        FileChangeKind.Added => $"{Path} (added, +{AddedLines})",
        FileChangeKind.Deleted => $"{Path} (deleted, -{RemovedLines})",
        _ => $"{Path} (+{AddedLines} -{RemovedLines})",
    };
}
