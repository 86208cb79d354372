using Honk.Delivery.Git.Internal;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git;

/// <summary>
/// <c>branch</c>: commits the session's change and creates its branch in the local source repository, by fetching
/// it from the workspace's mirror. The source's working copy, index and <c>HEAD</c> are never touched.
/// </summary>
/// <remarks>
/// An existing branch of the same name is only moved when it already holds this session's commit (a re-delivery);
/// one that points anywhere else is left alone and the delivery fails. A source given as a URL has no local branch
/// to create: use <see cref="GitPushDeliveryChannel"/> for it.
/// </remarks>
public sealed class GitBranchDeliveryChannel : DeliveryChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "branch";

    private readonly GitDelivery _delivery;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied and checked here.</param>
    /// <param name="timeProvider">The clock for commit dates; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GitBranchDeliveryChannel(GitDeliveryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _delivery = new GitDelivery(options, timeProvider);
    }

    /// <inheritdoc />
    public override string Name => ChannelName;

    /// <inheritdoc />
    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
        => _delivery.DeliverAsync(ChannelName, context, (workspace, commit, ct) => CreateBranchAsync(context, workspace, commit, ct), cancellationToken);

    private async Task<DeliveryResult> CreateBranchAsync(DeliveryContext context, GitWorkspace workspace, SessionCommit commit, CancellationToken cancellationToken)
    {
        var git = _delivery.Git;
        var source = workspace.Source;
        if (!Path.IsPathFullyQualified(source) || !Directory.Exists(source))
        {
            return DeliveryResult.Failed(ChannelName, $"The source '{source}' is a remote repository, so there is no local repository to create a branch in; deliver with 'push' instead. The change is committed as {ShortSha.Of(commit.Commit)} on '{commit.Branch}' in the mirror.");
        }

        var target = await _delivery.TargetBranchAsync(context, workspace, cancellationToken).ConfigureAwait(false);
        var existing = await _delivery.Repository.ResolveCommitAsync(source, $"refs/heads/{target}", cancellationToken).ConfigureAwait(false);
        if (existing == commit.Commit)
        {
            return Delivered($"Branch '{target}' in {source} already holds the change ({ShortSha.Of(commit.Commit)}).", target, commit);
        }

        var force = false;
        if (existing is not null)
        {
            if (!await _delivery.Committer.HasSessionCommitAsync(source, existing, context.SessionId, cancellationToken).ConfigureAwait(false))
            {
                return DeliveryResult.Failed(ChannelName, $"Branch '{target}' already exists in {source} and points to {ShortSha.Of(existing)}, which is not this session's work; it was left alone. Choose another branch name.") with { Branch = target, Commit = commit.Commit };
            }

            // Our own earlier delivery, now followed by more work: moving it on is what the user expects.
            force = true;
        }

        // Fetching into the source writes only the new ref and objects: no checkout, no index, no HEAD, no FETCH_HEAD.
        // The session's few new objects are usually copied in process (loose object files and the ref); git fetches
        // when that declines (packed objects, the branch checked out, an unusual repository).
        if (await _delivery.Repository.TryCopyBranchAsync(source, workspace.MirrorPath, commit.Commit, target, force ? existing : null, cancellationToken).ConfigureAwait(false))
        {
            return Delivered($"{(force ? "Updated" : "Created")} branch '{target}' in {source} at {ShortSha.Of(commit.Commit)}.", target, commit);
        }

        var refspec = $"{(force ? "+" : "")}refs/heads/{commit.Branch}:refs/heads/{target}";
        var fetch = await git.RunAsync(
            source,
            ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-auto-maintenance", "--no-recurse-submodules", workspace.MirrorPath, refspec],
            cancellationToken).ConfigureAwait(false);
        if (!fetch.Succeeded)
        {
            var reason = fetch.StandardError.Trim();
            return DeliveryResult.Failed(ChannelName, $"Creating branch '{target}' in {source} failed: {(reason.Length > 0 ? reason : $"git exited with {fetch.ExitCode}")}") with { Commit = commit.Commit };
        }

        var verb = force ? "Updated" : "Created";
        return Delivered($"{verb} branch '{target}' in {source} at {ShortSha.Of(commit.Commit)}.", target, commit);
    }

    private static DeliveryResult Delivered(string message, string branch, SessionCommit commit)
        => DeliveryResult.Delivered(ChannelName, message) with { Branch = branch, Commit = commit.Commit };
}
