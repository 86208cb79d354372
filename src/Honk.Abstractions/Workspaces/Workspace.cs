namespace Honk;

/// <summary>
/// The session's own copy of the repository: a folder the tools may touch and nothing else. Disposing it releases
/// the copy (for a git worktree: removes it; the branch stays until delivery decides).
/// </summary>
public abstract class Workspace : IAsyncDisposable
{
    /// <summary>The absolute, fully resolved path of the workspace root.</summary>
    public abstract string RootPath { get; }

    /// <summary>The branch the session works on, when the workspace is a git worktree.</summary>
    public virtual string? Branch => null;

    /// <summary>The commit the session started from, when the workspace is a git worktree.</summary>
    public virtual string? BaseCommit => null;

    /// <summary>Paths (relative, '/' separated) that differ from the session's base, including new files.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The changed paths, sorted.</returns>
    public abstract ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default);

    /// <summary>The unified diff of all changes against the session's base, including new files.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The diff; empty when nothing changed.</returns>
    public abstract ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A cheap value that changes whenever the workspace's content changes. The loop uses it to tell a stuck model
    /// (the same call again on an unchanged workspace) from one that makes progress.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>An opaque fingerprint.</returns>
    public virtual async ValueTask<string> GetFingerprintAsync(CancellationToken cancellationToken = default)
    {
        var diff = await GetDiffAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(diff)));
    }

    /// <summary>Releases the workspace.</summary>
    /// <returns>A task that completes when the workspace is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the workspace's resources.</summary>
    /// <returns>A task that completes when the workspace is released.</returns>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
