using System.Diagnostics;
using Honk.Git;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git.Internal;

/// <summary>
/// What the git channels share: the options snapshot, the git runner, the commit step, and the frame that turns
/// "nothing changed" and git's failures into <see cref="DeliveryResult"/>s.
/// </summary>
internal sealed class GitDelivery
{
    private static readonly ActivitySource ActivitySource = new(GitDeliveryChannels.ActivitySourceName);

    /// <summary>Creates the shared parts.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied and checked here.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public GitDelivery(GitDeliveryOptions? options, TimeProvider? timeProvider)
    {
        Options = (options ?? new GitDeliveryOptions()).Snapshot();
        var time = timeProvider ?? TimeProvider.System;
        // Every text delivery returns may end up in a PR body or a chat message: standard output is masked too.
        Git = new GitRunner(new GitRunnerOptions { Executable = Options.GitExecutable, DefaultTimeout = Options.CommandTimeout, RedactStandardOutput = true }, time);
        Repository = GitRepositoryOperations.InProcess(Git);
        Committer = new SessionCommitter(Git, Repository, Options, time);
    }

    /// <summary>The options snapshot.</summary>
    public GitDeliveryOptions Options { get; }

    /// <summary>The git runner.</summary>
    public GitRunner Git { get; }

    /// <summary>Refs, status, staged paths, commits and trailers, in process.</summary>
    public GitRepositoryOperations Repository { get; }

    /// <summary>The commit step.</summary>
    public SessionCommitter Committer { get; }

    /// <summary>Commits the session's change, then runs the channel's own step on the commit.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <param name="context">The finished session.</param>
    /// <param name="deliver">The channel's step.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The result; git's failures are failed results, never exceptions.</returns>
    public async ValueTask<DeliveryResult> DeliverAsync(
        string channel,
        DeliveryContext context,
        Func<GitWorkspace, SessionCommit, CancellationToken, Task<DeliveryResult>> deliver,
        CancellationToken cancellationToken)
    {
        if (context.Workspace is not GitWorkspace workspace)
        {
            return DeliveryResult.Failed(channel, $"The '{channel}' delivery needs a git workspace (GitWorkspaceProvider); this session's workspace is a {context.Workspace.GetType().Name}.");
        }

        using var activity = ActivitySource.StartActivity("delivery." + channel);
        activity?.SetTag("honk.session.id", context.SessionId);
        try
        {
            var commit = await Committer.EnsureCommittedAsync(context, workspace, cancellationToken).ConfigureAwait(false);
            if (commit is null)
            {
                return DeliveryResult.Delivered(channel, "Nothing to deliver: the session changed no files.");
            }

            activity?.SetTag("honk.delivery.commit", commit.Commit);
            var result = await deliver(workspace, commit, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("honk.delivery.succeeded", result.Succeeded);
            return result;
        }
        catch (GitException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return DeliveryResult.Failed(channel, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only patch folder is the host's to fix, not a bug: report it as data.
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return DeliveryResult.Failed(channel, $"The '{channel}' delivery could not write its files: {ex.Message}");
        }
    }

    /// <summary>The branch to deliver to: the one the caller named, else the session's own.</summary>
    /// <param name="context">The finished session.</param>
    /// <param name="workspace">Its workspace.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A valid branch name.</returns>
    /// <exception cref="GitException">The name is not a valid branch name.</exception>
    public async Task<string> TargetBranchAsync(DeliveryContext context, GitWorkspace workspace, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(context.BranchName) ? workspace.Branch : context.BranchName.Trim();
        if (name.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            name = name["refs/heads/".Length..];
        }

        if (!await Repository.IsValidBranchNameAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new GitException($"'{name}' is not a valid branch name.");
        }

        return name;
    }
}
