using System.Globalization;
using Honk.Git;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// Keeps one bare mirror per source. Remote branches are fetched into <c>refs/remotes/origin/*</c> (and tags into
/// <c>refs/tags/*</c>) so that <c>fetch --prune</c> never touches the sessions' own branches in <c>refs/heads/*</c>.
/// Callers hold the mirror's <see cref="MirrorLock"/>.
/// </summary>
internal sealed class MirrorCache
{
    private const string FetchMarkerFile = "honk-last-fetch";
    private readonly GitRunner _git;
    private readonly GitRepositoryOperations _repository;
    private readonly GitWorkspaceOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the cache.</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="repository">The in-process (or command-line) repository operations.</param>
    /// <param name="options">The provider's options snapshot.</param>
    /// <param name="timeProvider">The clock.</param>
    public MirrorCache(GitRunner git, GitRepositoryOperations repository, GitWorkspaceOptions options, TimeProvider timeProvider)
    {
        _git = git;
        _repository = repository;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates the mirror when it is missing, else fetches unless it was fetched recently.</summary>
    /// <param name="source">The source.</param>
    /// <param name="mirrorPath">The mirror folder.</param>
    /// <param name="cancellationToken">Cancels the work; a half-made mirror is removed.</param>
    /// <returns>A task that completes when the mirror is up to date.</returns>
    public async Task EnsureAsync(RepositorySource source, string mirrorPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(mirrorPath))
        {
            await CreateAsync(source, mirrorPath, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsFetchDue(mirrorPath))
        {
            return;
        }

        if (!source.IsLocal)
        {
            // The same remote written another way, or with a rotated token, keys to this mirror: fetch from the URL
            // as given now.
            await _git.RunCheckedAsync(mirrorPath, ["config", "remote.origin.url", source.FetchUrl], cancellationToken).ConfigureAwait(false);
        }

        await FetchAsync(source, mirrorPath, cancellationToken).ConfigureAwait(false);
        if (!source.IsLocal && !await HasDefaultBranchAsync(mirrorPath, cancellationToken).ConfigureAwait(false))
        {
            await SetRemoteHeadAsync(mirrorPath, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For a local source, whose base commit is read from the source itself: creates the mirror when it is missing,
    /// does nothing when it already holds <paramref name="commit"/>, else fetches as <see cref="EnsureAsync"/> does.
    /// </summary>
    /// <param name="source">The local source.</param>
    /// <param name="mirrorPath">The mirror folder.</param>
    /// <param name="commit">A full commit sha known to exist in the source.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the mirror holds the commit.</returns>
    public async Task EnsureHoldsAsync(RepositorySource source, string mirrorPath, string commit, CancellationToken cancellationToken)
    {
        if (Directory.Exists(mirrorPath) && await _repository.ResolveCommitAsync(mirrorPath, commit, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await EnsureAsync(source, mirrorPath, cancellationToken).ConfigureAwait(false);
        await EnsureCommitAsync(source, mirrorPath, commit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure the mirror holds <paramref name="commit"/> (a local source's detached HEAD may be on no branch).</summary>
    /// <param name="source">The source.</param>
    /// <param name="mirrorPath">The mirror.</param>
    /// <param name="commit">A full commit sha known to exist in the source.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>A task that completes when the commit is present.</returns>
    public async Task EnsureCommitAsync(RepositorySource source, string mirrorPath, string commit, CancellationToken cancellationToken)
    {
        if (await _repository.ResolveCommitAsync(mirrorPath, commit, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var fetch = await _git.RunAsync(mirrorPath, ["fetch", "--no-tags", "origin", commit], cancellationToken, _options.NetworkTimeout).ConfigureAwait(false);
        fetch.EnsureSuccess($"Fetching commit {commit} from {GitRedaction.Redact(source.FetchUrl)}");
    }

    private async Task CreateAsync(RepositorySource source, string mirrorPath, CancellationToken cancellationToken)
    {
        // Built beside its final place and renamed at the end, so a crash or a cancel never leaves a half-made mirror
        // where the next session would use it. Leftovers of such crashes are removed here, under the lock.
        foreach (var leftover in Directory.EnumerateDirectories(Path.GetDirectoryName(mirrorPath)!, Path.GetFileName(mirrorPath) + ".tmp-*"))
        {
            FileSystem.DeleteDirectory(leftover);
        }

        var temporary = mirrorPath + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await _git.RunCheckedAsync(null, ["init", "--bare", "--quiet", "--template=", temporary], cancellationToken).ConfigureAwait(false);
            string[][] settings =
            [
                ["config", "remote.origin.url", source.FetchUrl],
                ["config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*"],
                ["config", "--add", "remote.origin.fetch", "+refs/tags/*:refs/tags/*"],
                ["config", "remote.origin.tagOpt", "--no-tags"],
                ["config", "gc.autoDetach", "false"],
                ["config", "honk.source", GitRedaction.Redact(source.Key)],
            ];
            foreach (var setting in settings)
            {
                await _git.RunCheckedAsync(temporary, setting, cancellationToken).ConfigureAwait(false);
            }

            await FetchAsync(source, temporary, cancellationToken).ConfigureAwait(false);
            if (!source.IsLocal)
            {
                await SetRemoteHeadAsync(temporary, cancellationToken).ConfigureAwait(false);
            }

            Directory.Move(temporary, mirrorPath);
        }
        catch
        {
            FileSystem.DeleteDirectory(temporary);
            throw;
        }
    }

    private async Task FetchAsync(RepositorySource source, string mirrorPath, CancellationToken cancellationToken)
    {
        List<string> arguments = ["fetch", "--prune", "--quiet"];
        if (_options.PartialClone)
        {
            arguments.Add("--filter=blob:none");
        }

        arguments.Add("origin");
        var result = await _git.RunAsync(mirrorPath, arguments, cancellationToken, _options.NetworkTimeout).ConfigureAwait(false);
        result.EnsureSuccess($"Fetching {GitRedaction.Redact(source.FetchUrl)}");
        await File.WriteAllTextAsync(
            Path.Combine(mirrorPath, FetchMarkerFile),
            _timeProvider.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture),
            CancellationToken.None).ConfigureAwait(false);
    }

    private bool IsFetchDue(string mirrorPath)
    {
        if (_options.MirrorRefreshInterval <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            var ticks = long.Parse(File.ReadAllText(Path.Combine(mirrorPath, FetchMarkerFile)).Trim(), CultureInfo.InvariantCulture);
            return _timeProvider.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) >= _options.MirrorRefreshInterval;
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return true;
        }
    }

    private async Task<bool> HasDefaultBranchAsync(string mirrorPath, CancellationToken cancellationToken)
    {
        return await _repository.ResolveCommitAsync(mirrorPath, "refs/remotes/origin/HEAD", cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task SetRemoteHeadAsync(string mirrorPath, CancellationToken cancellationToken)
    {
        // Fails for an empty remote or one whose HEAD is detached; base resolution reports that clearly later.
        await _git.RunAsync(mirrorPath, ["remote", "set-head", "origin", "--auto"], cancellationToken, _options.NetworkTimeout).ConfigureAwait(false);
    }
}
