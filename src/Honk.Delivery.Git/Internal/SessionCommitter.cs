using Honk.Git;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git.Internal;

/// <summary>
/// The step every git channel starts with: commit the session's changes on its branch, once. The commit carries the
/// <c>Honk-Session</c> trailer, which is also how a re-delivery recognises that the work is already committed.
/// </summary>
/// <remarks>
/// Commits the model made itself (its <c>git</c> tool may commit) are folded into the one delivered commit, so the
/// branch holds exactly one reviewable commit with provenance. Changes made after an earlier delivery of the same
/// session become a further commit on top, so a pushed branch only ever moves forward.
/// </remarks>
internal sealed class SessionCommitter
{
    private readonly GitRunner _git;
    private readonly GitRepositoryOperations _repository;
    private readonly GitDeliveryOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the step.</summary>
    /// <param name="git">The git runner.</param>
    /// <param name="repository">The in-process repository operations.</param>
    /// <param name="options">The options snapshot.</param>
    /// <param name="timeProvider">The clock for commit dates.</param>
    public SessionCommitter(GitRunner git, GitRepositoryOperations repository, GitDeliveryOptions options, TimeProvider timeProvider)
    {
        _git = git;
        _repository = repository;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Makes sure the session's changes are committed on its branch.</summary>
    /// <param name="context">The finished session.</param>
    /// <param name="workspace">Its git workspace.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The commit to deliver, or <see langword="null"/> when the session changed nothing.</returns>
    /// <exception cref="GitException">git failed, or the worktree is gone while changes were never committed.</exception>
    public async Task<SessionCommit?> EnsureCommittedAsync(DeliveryContext context, GitWorkspace workspace, CancellationToken cancellationToken)
    {
        var tip = await TipAsync(workspace, cancellationToken).ConfigureAwait(false);
        var worktreeExists = Directory.Exists(workspace.RootPath);
        var dirty = false;
        if (worktreeExists)
        {
            var status = await _repository.GetStatusAsync(workspace.RootPath, cancellationToken).ConfigureAwait(false);
            dirty = !status.IsClean;
        }

        var delivered = tip != workspace.BaseCommit
            && await HasSessionCommitAsync(workspace.MirrorPath, $"{workspace.BaseCommit}..{tip}", context.SessionId, cancellationToken).ConfigureAwait(false);
        if (!dirty)
        {
            if (tip == workspace.BaseCommit)
            {
                return null;
            }

            if (delivered)
            {
                return new SessionCommit(workspace.Branch, workspace.BaseCommit, tip, Created: false);
            }
        }

        if (!worktreeExists)
        {
            throw new GitException($"The session's worktree '{workspace.RootPath}' no longer exists, and its branch '{workspace.Branch}' holds no commit of session {context.SessionId}; nothing can be committed.");
        }

        if (!delivered && tip != workspace.BaseCommit)
        {
            // Fold the model's own commits into the delivered one; their changes stay staged or in the work tree.
            await _git.RunCheckedAsync(workspace.RootPath, ["reset", "--soft", "--quiet", workspace.BaseCommit], cancellationToken).ConfigureAwait(false);
        }

        // The same staging as `git add --all` (clean filters such as LFS apply); the workspace reuses the index its last
        // changed-files or diff query staged when nothing changed since.
        await workspace.StageAllAsync(cancellationToken).ConfigureAwait(false);
        var files = await _repository.GetStagedPathsAsync(workspace.RootPath, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            // The model's commits cancelled out, or only file modes git ignores changed.
            var head = await TipAsync(workspace, cancellationToken).ConfigureAwait(false);
            return head == workspace.BaseCommit ? null : new SessionCommit(workspace.Branch, workspace.BaseCommit, head, Created: false);
        }

        var message = CommitMessage.Build(context, files, _options.PromptVersion ?? context.Result.PromptVersion);
        var signature = new GitSignature(_options.CommitterName, _options.CommitterEmail, _timeProvider.GetUtcNow());
        await _repository.CommitAsync(workspace.RootPath, message, signature, cancellationToken).ConfigureAwait(false);
        var commit = await TipAsync(workspace, cancellationToken).ConfigureAwait(false);
        return new SessionCommit(workspace.Branch, workspace.BaseCommit, commit, Created: true);
    }

    /// <summary>Whether any commit of <paramref name="revisions"/> carries <c>Honk-Session: <paramref name="sessionId"/></c>.</summary>
    /// <param name="repository">The repository to look in.</param>
    /// <param name="revisions">A commit or a range, e.g. <c>base..tip</c>.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>True when the session's commit is there.</returns>
    public async Task<bool> HasSessionCommitAsync(string repository, string revisions, string sessionId, CancellationToken cancellationToken)
    {
        var values = await _repository.GetTrailerValuesAsync(repository, revisions, CommitMessage.SessionTrailer, cancellationToken).ConfigureAwait(false);
        return values.Any(value => string.Equals(value, CommitMessage.TrailerValue(sessionId), StringComparison.Ordinal));
    }

    private async Task<string> TipAsync(GitWorkspace workspace, CancellationToken cancellationToken)
    {
        return await _repository.ResolveCommitAsync(workspace.MirrorPath, $"refs/heads/{workspace.Branch}", cancellationToken).ConfigureAwait(false)
            ?? throw new GitException($"The session's branch '{workspace.Branch}' is missing from the mirror '{workspace.MirrorPath}'.");
    }
}
