using Honk.Delivery.GitHub;
using Honk.Git;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// Starts a conflict round (<c>&lt;session&gt;-rebase-&lt;n&gt;</c>) from a prepared merge: in the round's worktree, at
/// the pull request's head, <c>git merge --no-commit --no-ff</c> of the base commit GitHub shows now, leaving the
/// conflict markers in the files and the merge in progress (<c>MERGE_HEAD</c>). The round's stop gate gets
/// <see cref="MergeConflictValidator"/>, so it cannot finish while a marker or an unmerged entry is left; delivery then
/// commits the index with both parents (the head and the base), which GitHub sees as the base merged in.
/// </summary>
/// <remarks>
/// Runs after the validators' baseline wrapper (the check is never "pre-existing") and before the prompt. A round
/// whose pull request or base cannot be read fails saying why; each attempt prepares the merge again in its fresh
/// worktree.
/// </remarks>
public sealed class PullRequestMergePreparation : ISessionContributor
{
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(10);
    private readonly HonkHost _host;
    private readonly GitHubClient _github;
    private readonly GitRunner _git = new();

    /// <summary>Creates the contributor.</summary>
    /// <param name="host">The host (which sessions are conflict rounds, and their pull request).</param>
    /// <param name="github">Reads the pull request's base.</param>
    public PullRequestMergePreparation(HonkHost host, GitHubClient github)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(github);
        _host = host;
        _github = github;
    }

    /// <inheritdoc />
    public int Order => SessionContributorOrder.Wrap + 50;

    /// <inheritdoc />
    public async ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Workspace is not { } workspace
            || await _host.GetAsync(setup.SessionId, cancellationToken).ConfigureAwait(false) is not { Request.ParentSessionId: { } parentId } round
            || !round.Id.StartsWith(parentId + "-rebase-", StringComparison.Ordinal))
        {
            return;
        }

        var parent = await _host.GetAsync(parentId, cancellationToken).ConfigureAwait(false);
        if (parent?.Result is not { } result || PullRequestApproval.Find(result) is not { } pr)
        {
            throw new InvalidOperationException($"{round.Id} resolves the conflicts of {parentId}'s pull request, but {parentId} has no delivered pull request.");
        }

        GitHubPullRequest pull;
        try
        {
            pull = await _github.GetPullRequestAsync(pr.Owner, pr.Repository, pr.Number, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GitHubApiException or HttpRequestException)
        {
            throw new InvalidOperationException($"Could not read {pr} to merge its base: {ex.Message}", ex);
        }

        if (pull.Base is not { Ref: { Length: > 0 } baseBranch, Sha: { Length: > 0 } baseSha })
        {
            throw new InvalidOperationException($"GitHub did not say {pr}'s base branch and commit.");
        }

        var merge = await PrepareAsync(workspace.RootPath, baseBranch, baseSha, cancellationToken).ConfigureAwait(false);
        if (merge is not null)
        {
            setup.Options.Validators.Add(new MergeConflictValidator(_git, baseSha, merge));
        }
    }

    /// <summary>
    /// Merges <paramref name="baseSha"/> into the work tree without committing, fetching the base branch from the
    /// worktree's origin first when the commit is not there yet.
    /// </summary>
    /// <returns>The conflicting files (empty when the merge went cleanly), or <see langword="null"/> when the base is already merged.</returns>
    /// <exception cref="InvalidOperationException">git could not fetch the base or start the merge.</exception>
    internal async Task<IReadOnlyList<string>?> PrepareAsync(string workTree, string baseBranch, string baseSha, CancellationToken cancellationToken)
    {
        var present = await _git.RunAsync(workTree, ["cat-file", "-e", baseSha + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (!present.Succeeded)
        {
            // Only FETCH_HEAD is written (no remote-tracking update): the shared mirror's refs are the workspace provider's, under its lock.
            var fetch = await _git.RunAsync(workTree, ["fetch", "-q", "--no-tags", "--refmap=", "origin", "refs/heads/" + baseBranch], cancellationToken, NetworkTimeout).ConfigureAwait(false);
            var found = await _git.RunAsync(workTree, ["cat-file", "-e", baseSha + "^{commit}"], cancellationToken).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                throw new InvalidOperationException($"The base commit {PullRequestRebaser.Short(baseSha)} of {baseBranch} could not be fetched: {(fetch.Succeeded ? "the branch has moved on" : fetch.StandardError.Trim())}");
            }
        }

        if ((await _git.RunAsync(workTree, ["merge-base", "--is-ancestor", baseSha, "HEAD"], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            return null;
        }

        var merge = await _git.RunAsync(
            workTree, ["-c", "user.name=Honk", "-c", "user.email=honk@localhost", "-c", "merge.conflictStyle=merge", "-c", "rerere.enabled=false", "merge", "--no-commit", "--no-ff", "--no-stat", "--quiet", baseSha], cancellationToken).ConfigureAwait(false);
        var conflicted = (await _git.RunCheckedAsync(workTree, ["diff", "--name-only", "-z", "--diff-filter=U"], cancellationToken).ConfigureAwait(false))
            .StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var inProgress = (await _git.RunAsync(workTree, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], cancellationToken).ConfigureAwait(false)).Succeeded;
        if (!inProgress)
        {
            throw new InvalidOperationException($"git could not start merging {PullRequestRebaser.Short(baseSha)} ({baseBranch}): {(merge.StandardError + merge.StandardOutput).Trim()}");
        }

        return conflicted;
    }
}
