namespace Honk.Git;

/// <summary>A work tree's status against its index and <c>HEAD</c>, untracked files included (ignored ones not).</summary>
/// <param name="Summary">
/// A text that changes whenever the status changes (the branch tip and every entry with its state). Its format
/// depends on the implementation: compare summaries of one <see cref="GitRepositoryOperations"/> only.
/// </param>
/// <param name="Paths">The paths with changes (staged, unstaged, untracked, conflicted), root-relative with <c>/</c>.</param>
public sealed record GitStatus(string Summary, IReadOnlyList<string> Paths)
{
    /// <summary>True when nothing is changed or untracked.</summary>
    public bool IsClean => Paths.Count == 0;
}
