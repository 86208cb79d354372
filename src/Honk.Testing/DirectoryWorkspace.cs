namespace Honk.Testing;

/// <summary>
/// A plain folder used as a session's workspace, for tests and local experiments.
/// </summary>
/// <remarks>
/// At creation the folder's content is snapshotted into a private git object store kept in a temp folder outside the
/// workspace; <see cref="GetChangedFilesAsync"/> and <see cref="GetDiffAsync"/> compare the folder with that
/// snapshot. This works the same for any folder: the folder's own <c>.git</c> (when it is a repository) is never
/// read or changed, its <c>.gitignore</c> rules apply, and uncommitted changes present at creation are part of the
/// base rather than of the session's change. Disposing removes the snapshot and, when asked, the folder itself.
/// </remarks>
public sealed class DirectoryWorkspace : Workspace
{
    private readonly string _root;
    private readonly TemporaryDirectory _snapshot;
    private readonly bool _deleteRootOnDispose;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private DirectoryWorkspace(string root, TemporaryDirectory snapshot, string snapshotCommit, bool deleteRootOnDispose)
    {
        _root = root;
        _snapshot = snapshot;
        SnapshotCommit = snapshotCommit;
        _deleteRootOnDispose = deleteRootOnDispose;
    }

    /// <inheritdoc />
    public override string RootPath => _root;

    /// <summary>The id of the snapshot commit in the private object store (not a commit of the folder's own repository).</summary>
    public string SnapshotCommit { get; }

    private string GitDir => System.IO.Path.Combine(_snapshot.Path, "git");

    /// <summary>Snapshots <paramref name="rootPath"/> and returns a workspace on it.</summary>
    /// <param name="rootPath">An existing folder.</param>
    /// <param name="deleteRootOnDispose">Whether disposing also deletes the folder (for temp folders a test created).</param>
    /// <param name="cancellationToken">Cancels the snapshot.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<DirectoryWorkspace> CreateAsync(string rootPath, bool deleteRootOnDispose = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        var root = new DirectoryInfo(System.IO.Path.GetFullPath(rootPath));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"The workspace folder '{root.FullName}' does not exist.");
        }

        var resolved = root.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root.FullName;
        var snapshot = new TemporaryDirectory("honk-snapshot");
        try
        {
            var gitDir = System.IO.Path.Combine(snapshot.Path, "git");
            await GitProcess.RunAsync(snapshot.Path, ["init", "--quiet", "--bare", gitDir], cancellationToken: cancellationToken).ConfigureAwait(false);
            await Git(gitDir, resolved, ["config", "core.autocrlf", "false"], cancellationToken).ConfigureAwait(false);
            await Git(gitDir, resolved, ["config", "core.quotepath", "false"], cancellationToken).ConfigureAwait(false);
            await Git(gitDir, resolved, ["add", "--all"], cancellationToken).ConfigureAwait(false);
            await Git(gitDir, resolved, ["commit", "--quiet", "--allow-empty", "--no-verify", "--message", "snapshot"], cancellationToken).ConfigureAwait(false);
            var commit = (await Git(gitDir, resolved, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
            return new DirectoryWorkspace(resolved, snapshot, commit, deleteRootOnDispose);
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
    {
        var output = await CompareAsync(["--name-only", "-z"], cancellationToken).ConfigureAwait(false);
        return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public override async ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default)
        => await CompareAsync(["--no-color", "--no-ext-diff"], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        _snapshot.Dispose();
        if (_deleteRootOnDispose)
        {
            TemporaryDirectory.DeleteDirectory(_root);
        }

        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> CompareAsync(IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The private index follows the folder; diffing it against the snapshot sees new, changed and deleted files.
            await Git(GitDir, _root, ["add", "--all"], cancellationToken).ConfigureAwait(false);
            return await Git(GitDir, _root, ["diff", "--cached", "--no-renames", .. options, SnapshotCommit, "--"], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Task<string> Git(string gitDir, string workTree, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        => GitProcess.RunAsync(workTree, ["--git-dir=" + gitDir, "--work-tree=" + workTree, .. arguments], cancellationToken: cancellationToken);
}
