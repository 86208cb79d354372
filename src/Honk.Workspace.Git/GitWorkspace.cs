using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Honk.Git;
using Honk.Workspaces.Git.Internal;

namespace Honk.Workspaces.Git;

/// <summary>
/// A session's git worktree: its own folder and branch, backed by the shared mirror of the source repository.
/// Disposing it removes the folder; the branch stays in the mirror for delivery.
/// </summary>
public sealed class GitWorkspace : Workspace
{
    private readonly GitRunner _git;
    private readonly GitRepositoryOperations _repository;
    private readonly StaleWorktreeReclaimer _reclaimer;
    private readonly TimeProvider _timeProvider;
    private readonly string _adminPath;
    private readonly string _ownerFile;
    private readonly string _committerName;
    private readonly string _committerEmail;
    private int _disposed;

    // The last answer (changed files and diff, read by one `git diff`), with the work tree's fingerprint it was read
    // at: a session asks for the changed files and the diff several times without an edit in between (stop gate,
    // guards, business rules, result). (A reference, so a reader on another thread never sees half of an answer.)
    private Answer<Changes>? _changes;

    // The throw-away index those answers were read from (the real index with every change added), kept while the work
    // tree's fingerprint is unchanged: the changed files, the diff and the commit's staging then need one `git add`
    // instead of three. Only touched under the gate.
    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private Answer<string>? _stagedIndex;

    internal GitWorkspace(GitWorkspaceState state, GitRunner git, GitRepositoryOperations repository, StaleWorktreeReclaimer reclaimer, GitWorkspaceOptions options, TimeProvider timeProvider)
    {
        _git = git;
        _repository = repository;
        _reclaimer = reclaimer;
        _timeProvider = timeProvider;
        _adminPath = state.AdminPath;
        _ownerFile = state.OwnerFile;
        _committerName = options.CommitterName;
        _committerEmail = options.CommitterEmail;
        RootPath = state.RootPath;
        Branch = state.Branch;
        BaseCommit = state.BaseCommit;
        Source = state.Source;
        MirrorPath = state.MirrorPath;
        SourceHasUncommittedChanges = state.SourceHasUncommittedChanges;
    }

    /// <inheritdoc />
    public override string RootPath { get; }

    /// <summary>The session's branch (in the mirror; a local source repository never sees it).</summary>
    public override string Branch { get; }

    /// <summary>The full sha of the commit the session started from.</summary>
    public override string BaseCommit { get; }

    /// <summary>Where the commits came from: the local repository's resolved path, or the URL as given.</summary>
    public string Source { get; }

    /// <summary>The bare mirror that holds <see cref="Branch"/>; delivery pushes from here.</summary>
    public string MirrorPath { get; }

    /// <summary>
    /// True when the source is a local repository that had uncommitted changes (staged, unstaged or untracked) at
    /// acquire time. The session starts from the committed state and does not see them.
    /// </summary>
    public bool SourceHasUncommittedChanges { get; }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
        => (await GetChangesAsync(cancellationToken).ConfigureAwait(false)).Files;

    /// <inheritdoc />
    public override async ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default)
        => (await GetChangesAsync(cancellationToken).ConfigureAwait(false)).Diff;

    /// <summary>
    /// The changed files and the diff against <see cref="BaseCommit"/>, read together by one <c>git diff --raw -p</c>
    /// (a session asks for both, the files at the stop gate and the diff at the end, usually without an edit in
    /// between) and kept while the work tree's fingerprint is unchanged.
    /// </summary>
    private async ValueTask<Changes> GetChangesAsync(CancellationToken cancellationToken)
    {
        var fingerprint = await GetFingerprintAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _changes) is { } known && known.Fingerprint == fingerprint)
        {
            return known.Value;
        }

        // --raw with -p prints the raw records, an empty field, then exactly the patch `-p` alone prints; the file
        // list keeps both sides of a rename, so it is the same with or without -M.
        var output = await WithTemporaryIndexAsync(
            fingerprint,
            ["diff", "--cached", "--raw", "-p", "-z", "-M", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", BaseCommit, "--"],
            cancellationToken).ConfigureAwait(false);
        var (files, diff) = GitOutputParser.ParseRawAndPatch(output);
        var changes = new Changes(files, diff);
        Volatile.Write(ref _changes, new Answer<Changes>(fingerprint, changes));
        return changes;
    }

    /// <summary>
    /// A cheap fingerprint of the work tree: git's status (with the branch tip) plus the size and modification time of
    /// every file it lists, so editing an already modified file again changes it too. The status is read in process
    /// (LibGit2Sharp) unless <see cref="GitWorkspaceOptions.InProcessGit"/> is off.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>64 hex characters.</returns>
    public override async ValueTask<string> GetFingerprintAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var status = await _repository.GetStatusAsync(RootPath, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder(status.Summary);
        foreach (var path in status.Paths)
        {
            var info = new FileInfo(Path.Combine(RootPath, path));
            text.Append('\n').Append(path).Append(' ').Append(info.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{info.Length} {info.LastWriteTimeUtc.Ticks}")
                : "-");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Stages every change (new, modified, deleted; ignored files excepted) and commits it on <see cref="Branch"/>
    /// with the configured identity as author and committer. Hooks never run.
    /// </summary>
    /// <param name="message">The commit message.</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>The new commit, or <see cref="GitCommitResult.NothingToCommit"/> when nothing changed since the tip.</returns>
    /// <exception cref="GitException">git refused the commit.</exception>
    public async ValueTask<GitCommitResult> CommitAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ThrowIfDisposed();
        using var activity = GitWorkspaceProvider.ActivitySource.StartActivity("workspace.commit");

        await StageAllAsync(cancellationToken).ConfigureAwait(false);
        var staged = await _repository.GetStagedPathsAsync(RootPath, cancellationToken).ConfigureAwait(false);
        if (staged.Count == 0)
        {
            var head = await _repository.ResolveCommitAsync(RootPath, "HEAD", cancellationToken).ConfigureAwait(false)
                ?? throw new GitException($"The worktree '{RootPath}' has no HEAD commit.");
            return GitCommitResult.NothingToCommit(head);
        }

        var signature = new GitSignature(_committerName, _committerEmail, _timeProvider.GetUtcNow());
        var sha = await _repository.CommitAsync(RootPath, message, signature, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("honk.workspace.commit", sha);
        return GitCommitResult.Created(sha);
    }

    /// <summary>
    /// Stages every change (new, modified, deleted; ignored files excepted), as <c>git add --all</c> does. When the work
    /// tree is unchanged since the last <see cref="GetChangedFilesAsync"/> or <see cref="GetDiffAsync"/>, the index
    /// that query staged becomes the real one (under git's <c>index.lock</c>) instead of staging everything again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the staging.</param>
    /// <exception cref="GitException">git refused to stage.</exception>
    public async ValueTask StageAllAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            // A delivery after the workspace was released (its folder may still be there): nothing kept to reuse.
            await _git.RunCheckedAsync(RootPath, NestedRepositories.AddAllArguments(RootPath), cancellationToken).ConfigureAwait(false);
            return;
        }

        var fingerprint = await GetFingerprintAsync(cancellationToken).ConfigureAwait(false);
        await _indexGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stagedIndex is { } staged && staged.Fingerprint == fingerprint && TryInstallIndex(staged.Value))
            {
                _stagedIndex = null;
                return;
            }

            DiscardStagedIndex();

            // Staging stays on the git program: it applies the repository's clean filters (e.g. LFS), which libgit2 cannot.
            await _git.RunCheckedAsync(RootPath, NestedRepositories.AddAllArguments(RootPath), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _indexGate.Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        if (await ReleaseAsync().ConfigureAwait(false) is { } folder)
        {
            FileSystem.DeleteDirectory(folder);
        }
    }

    /// <summary>
    /// Ends the workspace as disposing it does, except that the worktree's files are left for the caller to delete:
    /// git forgets the worktree and its folder is renamed aside (one rename, however many files it holds; a
    /// dependency folder can take many seconds to delete). A command-line process prints its result, releases the
    /// workspace, and deletes the returned folder as long as its user would not notice; whatever is left of it is
    /// deleted by the next acquire of the same repository. After this call the workspace is disposed.
    /// </summary>
    /// <returns>The renamed folder to delete, or <see langword="null"/> when nothing is left (the worktree went
    /// through git, or the workspace was released already).</returns>
    public async ValueTask<string?> ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return null;
        }

        // Cleanup must run even when the session was cancelled; the git runner's own time limit bounds it. No
        // `worktree prune` here: outside the mirror lock it can delete the admin folder of a worktree another session
        // is adding at that moment. Only this worktree's own record goes (in process: a git process here cost more
        // than the whole removal); the next acquire prunes any leftovers under the lock.
        await _indexGate.WaitAsync().ConfigureAwait(false);
        try
        {
            DiscardStagedIndex();
        }
        finally
        {
            _indexGate.Release();
        }

        var trash = await _reclaimer.ReleaseOwnAsync(MirrorPath, RootPath, _adminPath, CancellationToken.None).ConfigureAwait(false);
        FileSystem.DeleteFile(_ownerFile);
        return trash;
    }

    /// <summary>
    /// Runs a <c>diff --cached</c> against a throw-away copy of the index with every change added, so new files show
    /// up without touching the index the model's own <c>git</c> tool works with. The copy is kept for the next query
    /// (and the commit's staging) while the work tree's fingerprint stays <paramref name="fingerprint"/>.
    /// </summary>
    private async Task<string> WithTemporaryIndexAsync(string fingerprint, string[] diffArguments, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _indexGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var index = await StagedIndexAsync(fingerprint, cancellationToken).ConfigureAwait(false);
            var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
            var diff = await _git.RunCheckedAsync(RootPath, diffArguments, cancellationToken, environment: environment).ConfigureAwait(false);
            return diff.StandardOutput;
        }
        finally
        {
            _indexGate.Release();
        }
    }

    /// <summary>The throw-away index for <paramref name="fingerprint"/>: the kept one, or a new copy with <c>add --all</c>.</summary>
    private async Task<string> StagedIndexAsync(string fingerprint, CancellationToken cancellationToken)
    {
        if (_stagedIndex is { } kept && kept.Fingerprint == fingerprint && File.Exists(kept.Value))
        {
            return kept.Value;
        }

        DiscardStagedIndex();
        var temporaryIndex = Path.Combine(_adminPath, "honk-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            var realIndex = Path.Combine(_adminPath, "index");
            if (File.Exists(realIndex))
            {
                // Starting from the real index keeps git's stat cache, so only changed files are hashed again.
                File.Copy(realIndex, temporaryIndex);
            }

            var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = temporaryIndex };
            await _git.RunCheckedAsync(RootPath, NestedRepositories.AddAllArguments(RootPath), cancellationToken, environment: environment).ConfigureAwait(false);
        }
        catch
        {
            DeleteIndexFile(temporaryIndex);
            throw;
        }

        _stagedIndex = new Answer<string>(fingerprint, temporaryIndex);
        return temporaryIndex;
    }

    /// <summary>
    /// Moves the staged copy over the real index the way git replaces it: while holding <c>index.lock</c>, so a git
    /// command of the model's running now fails or waits instead of reading a half-written index.
    /// </summary>
    /// <returns>False when another git process holds the lock or the copy is gone; the caller stages through git.</returns>
    private bool TryInstallIndex(string stagedIndex)
    {
        var lockPath = Path.Combine(_adminPath, "index.lock");
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        try
        {
            held.Dispose();
            File.Move(stagedIndex, Path.Combine(_adminPath, "index"), overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            FileSystem.DeleteFile(lockPath);
        }
    }

    private void DiscardStagedIndex()
    {
        if (_stagedIndex is { } kept)
        {
            DeleteIndexFile(kept.Value);
            _stagedIndex = null;
        }
    }

    private static void DeleteIndexFile(string index)
    {
        FileSystem.DeleteFile(index);
        FileSystem.DeleteFile(index + ".lock");
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private sealed record Answer<T>(string Fingerprint, T Value);

    private sealed record Changes(IReadOnlyList<string> Files, string Diff);
}
