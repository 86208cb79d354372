using System.Diagnostics;
using Honk.Git;
using Honk.Workspaces.Git.Internal;

namespace Honk.Workspaces.Git;

/// <summary>
/// Gives each session a git worktree on a fresh branch. Sources are local repositories (used read-only) or URLs
/// (<c>file://</c>, <c>git://</c>, <c>https://</c>, ssh); each gets one bare mirror in the cache, created on first use
/// and fetched on later acquires, and every session gets its own worktree of that mirror.
/// </summary>
/// <remarks>
/// A local repository is only read: its working copy, index, branches and stash are never modified, and the session
/// starts from its last commit (uncommitted changes are not carried over; see
/// <see cref="GitWorkspace.SourceHasUncommittedChanges"/>). The session's branch lives in the mirror.
/// </remarks>
public sealed class GitWorkspaceProvider : WorkspaceProvider
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> this package reports on.</summary>
    public const string ActivitySourceName = "Honk.Workspace";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private readonly GitWorkspaceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly GitRunner _git;
    private readonly GitRepositoryOperations _repository;
    private readonly MirrorCache _mirrors;
    private readonly StaleWorktreeReclaimer _reclaimer;

    /// <summary>Creates a provider.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied and checked here.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GitWorkspaceProvider(GitWorkspaceOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = (options ?? new GitWorkspaceOptions()).Snapshot();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _git = new GitRunner(new GitRunnerOptions { Executable = _options.GitExecutable, DefaultTimeout = _options.CommandTimeout }, _timeProvider);

        // libgit2 cannot read partial clones (an extension it does not support): such mirrors use the git program only.
        _repository = _options.InProcessGit && !_options.PartialClone ? GitRepositoryOperations.InProcess(_git) : GitRepositoryOperations.CommandLine(_git);
        _mirrors = new MirrorCache(_git, _repository, _options, _timeProvider);
        _reclaimer = new StaleWorktreeReclaimer(_git);
    }

    /// <summary>The folder holding the mirrors (<c>&lt;CacheRoot&gt;/mirrors</c>).</summary>
    public string MirrorsRoot => Path.Combine(_options.CacheRoot!, "mirrors");

    /// <summary>The folder under which session worktrees are created.</summary>
    public string WorktreesRoot => _options.WorktreesRoot!;

    /// <summary>Acquires a git workspace; the same as <see cref="WorkspaceProvider.AcquireAsync"/> with the concrete type.</summary>
    /// <param name="request">Which repository, for which session.</param>
    /// <param name="cancellationToken">Cancels the acquisition; nothing half-made is left behind.</param>
    /// <returns>The workspace; dispose it to remove the worktree.</returns>
    /// <exception cref="GitException">The path is missing or not a repository, the remote cannot be fetched, or the base ref does not exist.</exception>
    public async ValueTask<GitWorkspace> AcquireGitWorkspaceAsync(WorkspaceRequest request, CancellationToken cancellationToken = default)
        => (GitWorkspace)await AcquireAsync(request, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async ValueTask<Workspace> AcquireCoreAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("workspace.acquire");
        var local = await ResolveLocalSourceAsync(request.Repository, cancellationToken).ConfigureAwait(false);
        var source = local?.Source ?? RepositorySource.FromUrl(request.Repository);
        activity?.SetTag("honk.workspace.source", GitRedaction.Redact(source.Key));

        var mirrorPath = Path.Combine(MirrorsRoot, source.MirrorName + ".git");
        var worktreesFolder = Path.Combine(WorktreesRoot, source.MirrorName);
        Directory.CreateDirectory(MirrorsRoot);
        Directory.CreateDirectory(worktreesFolder);

        var folder = Path.Combine(worktreesFolder, $"{BranchNaming.ShortId(request.SessionId)}-{Guid.NewGuid().ToString("N")[..6]}");
        var ownerFile = folder + WorktreeOwner.FileSuffix;
        string? branch = null;
        try
        {
            string baseCommit;
            using (await MirrorLock.AcquireAsync(Path.Combine(MirrorsRoot, source.MirrorName + ".lock"), _options.LockTimeout, _timeProvider, cancellationToken).ConfigureAwait(false))
            {
                if (local is not null)
                {
                    // A local source's base commit is read from the source itself, so the mirror only has to hold it:
                    // when it does, the refresh fetch (several git processes) is skipped.
                    baseCommit = await ResolveInLocalSourceAsync(local.Source, request.BaseRef, cancellationToken).ConfigureAwait(false);
                    await _mirrors.EnsureHoldsAsync(source, mirrorPath, baseCommit, cancellationToken).ConfigureAwait(false);
                    await _reclaimer.ReclaimAsync(mirrorPath, worktreesFolder, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _mirrors.EnsureAsync(source, mirrorPath, cancellationToken).ConfigureAwait(false);
                    await _reclaimer.ReclaimAsync(mirrorPath, worktreesFolder, cancellationToken).ConfigureAwait(false);
                    baseCommit = await ResolveInMirrorAsync(source, mirrorPath, request.BaseRef, cancellationToken).ConfigureAwait(false);
                }

                // Under the lock: two sessions never pick the same branch name, and a concurrent fetch never meets a
                // half-registered worktree (its connectivity check reads every worktree's HEAD). The owner file
                // comes first: a folder without one is treated as debris by the reclaimer.
                branch = await CreateBranchAsync(mirrorPath, request, baseCommit, cancellationToken).ConfigureAwait(false);
                WorktreeOwner.Current.Write(ownerFile);
                await _git.RunCheckedAsync(mirrorPath, ["worktree", "add", "--quiet", "--no-checkout", folder, branch], cancellationToken).ConfigureAwait(false);
            }

            // The checkout, the slow part on a large repository, runs outside the lock. The paths come from the
            // files `worktree add` wrote (git only when they are not as expected).
            var checkout = _git.RunCheckedAsync(folder, ["reset", "--hard", "--quiet"], cancellationToken, _options.NetworkTimeout);
            var paths = WorktreeLinks.TryRead(folder);
            if (paths is null)
            {
                var pathsRead = ReadWorktreePathsAsync(folder, cancellationToken);
                await Task.WhenAll(checkout, pathsRead).ConfigureAwait(false);
                paths = await pathsRead.ConfigureAwait(false);
            }

            await checkout.ConfigureAwait(false);
            var (rootPath, adminPath) = paths.Value;
            activity?.SetTag("honk.workspace.branch", branch);
            var state = new GitWorkspaceState
            {
                RootPath = rootPath,
                AdminPath = adminPath,
                OwnerFile = ownerFile,
                Branch = branch,
                BaseCommit = baseCommit,
                Source = local is not null ? source.FetchUrl : GitRedaction.Redact(source.FetchUrl),
                MirrorPath = mirrorPath,
                SourceHasUncommittedChanges = local is not null && await local.HasUncommittedChanges.ConfigureAwait(false),
            };
            return new GitWorkspace(state, _git, _repository, _reclaimer, _options, _timeProvider);
        }
        catch when (branch is not null)
        {
            // Nothing half-made stays behind: the folder, git's record of it, the empty branch, the owner file.
            // (No unlocked `worktree prune`: it races other sessions' `worktree add`; the next acquire prunes.)
            await _reclaimer.RemoveAsync(mirrorPath, folder, CancellationToken.None).ConfigureAwait(false);
            await _git.RunAsync(mirrorPath, ["branch", "--delete", "--force", branch], CancellationToken.None).ConfigureAwait(false);
            FileSystem.DeleteFile(ownerFile);
            throw;
        }
    }

    private async Task<(string RootPath, string AdminPath)> ReadWorktreePathsAsync(string folder, CancellationToken cancellationToken)
    {
        var lines = (await _git.RunCheckedAsync(folder, ["rev-parse", "--show-toplevel", "--absolute-git-dir"], cancellationToken).ConfigureAwait(false)).Text.Split('\n');
        return (lines[0], lines[^1]);
    }

    private async Task<LocalSource?> ResolveLocalSourceAsync(string repository, CancellationToken cancellationToken)
    {
        if (RepositorySource.IsUrl(repository))
        {
            return null;
        }

        var path = Path.GetFullPath(repository);
        if (!Directory.Exists(path))
        {
            throw new GitException(File.Exists(path)
                ? $"Repository path '{path}' is a file, not a git repository."
                : $"Repository path '{path}' does not exist.");
        }

        var top = await _git.RunAsync(path, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (top.Succeeded)
        {
            // --no-optional-locks: status must not refresh (rewrite) the user's index. It only informs the result, so
            // it runs while the workspace is made.
            return new LocalSource(RepositorySource.FromLocalPath(top.Text), HasUncommittedChangesAsync(top.Text, cancellationToken));
        }

        var bare = await _git.RunAsync(path, ["rev-parse", "--is-bare-repository", "--absolute-git-dir"], cancellationToken).ConfigureAwait(false);
        var lines = bare.Text.Split('\n');
        if (!bare.Succeeded || lines[0].Trim() != "true")
        {
            var reason = (bare.Succeeded ? top.StandardError : bare.StandardError).Trim();
            throw new GitException($"'{path}' is not a git repository: {reason}", top.CommandLine, top.ExitCode, reason);
        }

        var resolved = lines[^1].Trim();
        return new LocalSource(RepositorySource.FromLocalPath(resolved), Task.FromResult(false));
    }

    private async Task<bool> HasUncommittedChangesAsync(string topLevel, CancellationToken cancellationToken)
    {
        var status = await _git.RunCheckedAsync(topLevel, ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=normal"], cancellationToken).ConfigureAwait(false);
        return status.StandardOutput.Length > 0;
    }

    private async Task<string> ResolveInLocalSourceAsync(RepositorySource source, string? baseRef, CancellationToken cancellationToken)
    {
        var reference = ValidateRef(baseRef) ?? "HEAD";
        var result = await _repository.ResolveCommitAsync(source.FetchUrl, reference, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            throw new GitException(baseRef is null
                ? $"The repository '{source.FetchUrl}' has no commits yet; commit something first."
                : $"Base ref '{baseRef}' was not found in '{source.FetchUrl}'.");
        }

        return result;
    }

    private async Task<string> ResolveInMirrorAsync(RepositorySource source, string mirrorPath, string? baseRef, CancellationToken cancellationToken)
    {
        var reference = ValidateRef(baseRef);
        string[] candidates = reference is null
            ? ["refs/remotes/origin/HEAD"]
            : [$"refs/remotes/origin/{reference}", $"refs/tags/{reference}", reference];
        foreach (var candidate in candidates)
        {
            var result = await _repository.ResolveCommitAsync(mirrorPath, candidate, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }
        }

        var where = GitRedaction.Redact(source.FetchUrl);
        throw new GitException(baseRef is null
            ? $"'{where}' has no default branch (is the repository empty?); name the branch, tag or commit to start from (honk run --base <ref>, WorkspaceRequest.BaseRef)."
            : $"Base ref '{baseRef}' was not found in '{where}'.");
    }

    private async Task<string> CreateBranchAsync(string mirrorPath, WorkspaceRequest request, string baseCommit, CancellationToken cancellationToken)
    {
        var explicitName = !string.IsNullOrWhiteSpace(request.BranchName);
        var stem = explicitName
            ? request.BranchName!.Trim()
            : $"{_options.BranchPrefix}{BranchNaming.Slug(request.Label)}-{BranchNaming.ShortId(request.SessionId)}";
        if (!await _repository.IsValidBranchNameAsync(stem, cancellationToken).ConfigureAwait(false))
        {
            throw new GitException($"'{stem}' is not a valid branch name.");
        }

        for (var attempt = 1; attempt <= 100; attempt++)
        {
            var name = attempt == 1 ? stem : $"{stem}-{attempt}";
            if (await _repository.ReferenceExistsAsync(mirrorPath, "refs/heads/" + name, cancellationToken).ConfigureAwait(false))
            {
                if (explicitName)
                {
                    throw new GitException($"Branch '{name}' already exists in the mirror '{mirrorPath}'; choose another branch name.");
                }

                continue;
            }

            await _repository.CreateBranchAsync(mirrorPath, name, baseCommit, cancellationToken).ConfigureAwait(false);
            return name;
        }

        throw new GitException($"Could not find a free branch name starting with '{stem}'.");
    }

    private static string? ValidateRef(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var trimmed = reference.Trim();
        if (trimmed.StartsWith('-'))
        {
            throw new GitException($"Base ref '{reference}' is not a valid ref.");
        }

        return trimmed;
    }

    private sealed record LocalSource(RepositorySource Source, Task<bool> HasUncommittedChanges);
}
