namespace Honk.Review;

/// <summary>One <c>@@ -a,b +c,d @@</c> block of a file's diff.</summary>
public sealed class DiffHunk
{
    internal DiffHunk(int oldStart, int oldCount, int newStart, int newCount, string? section, IReadOnlyList<DiffLine> lines, string text)
    {
        OldStart = oldStart;
        OldCount = oldCount;
        NewStart = newStart;
        NewCount = newCount;
        Section = section;
        Lines = lines;
        Text = text;
        AddedLines = lines.Count(l => l.Kind == DiffLineKind.Added);
        RemovedLines = lines.Count(l => l.Kind == DiffLineKind.Removed);
    }

    /// <summary>The first line of the hunk in the old file (0 when the old side is empty).</summary>
    public int OldStart { get; }

    /// <summary>How many old-file lines the hunk spans.</summary>
    public int OldCount { get; }

    /// <summary>The first line of the hunk in the new file (0 when the new side is empty).</summary>
    public int NewStart { get; }

    /// <summary>How many new-file lines the hunk spans.</summary>
    public int NewCount { get; }

    /// <summary>The text git prints after the second <c>@@</c> (usually the enclosing function), when any.</summary>
    public string? Section { get; }

    /// <summary>The hunk's lines in order.</summary>
    public IReadOnlyList<DiffLine> Lines { get; }

    /// <summary>The hunk exactly as it appeared in the diff, header line included, newline-terminated.</summary>
    public string Text { get; }

    /// <summary>Number of added lines.</summary>
    public int AddedLines { get; }

    /// <summary>Number of removed lines.</summary>
    public int RemovedLines { get; }
}
