namespace Honk.Review;

/// <summary>One line of a hunk, without its prefix, with its line numbers in the old and new file.</summary>
/// <param name="Kind">Context, added or removed.</param>
/// <param name="Text">The line's text without the prefix and without a trailing carriage return.</param>
/// <param name="OldLine">The 1-based line in the old file; <see langword="null"/> for an added line.</param>
/// <param name="NewLine">The 1-based line in the new file; <see langword="null"/> for a removed line.</param>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? OldLine, int? NewLine)
{
    /// <summary>The line number a person should look at: the new file's for added and context lines, the old file's for removed ones.</summary>
    public int Line => NewLine ?? OldLine ?? 0;
}
