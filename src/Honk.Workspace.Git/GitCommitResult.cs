namespace Honk.Workspaces.Git;

/// <summary>The outcome of <see cref="GitWorkspace.CommitAsync"/>, as data.</summary>
public sealed record GitCommitResult
{
    private GitCommitResult(bool committed, string headCommit)
    {
        Committed = committed;
        HeadCommit = headCommit;
    }

    /// <summary>True when a new commit was made; false when there was nothing to commit.</summary>
    public bool Committed { get; }

    /// <summary>The sha of the session branch's tip after the call (the new commit when <see cref="Committed"/>).</summary>
    public string HeadCommit { get; }

    /// <summary>A new commit was made.</summary>
    /// <param name="sha">The new commit.</param>
    /// <returns>The result.</returns>
    public static GitCommitResult Created(string sha)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        return new(true, sha);
    }

    /// <summary>The work tree matched the branch tip: no commit was made.</summary>
    /// <param name="headCommit">The unchanged tip.</param>
    /// <returns>The result.</returns>
    public static GitCommitResult NothingToCommit(string headCommit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headCommit);
        return new(false, headCommit);
    }
}
