using System.Globalization;
using Honk.Delivery.GitHub;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// Approve for a session delivered as a GitHub pull request: merge it through the API (the configured method, only
/// when its checks pass) instead of merging the branch with git. A refusal throws with the reason, so the approval is
/// recorded as failed and can be tried again once the checks are green.
/// </summary>
/// <remarks>
/// The rules, all here: the approver is allowed (checked by the review endpoints before anything else); no round of the
/// pull request is queued or running; the pull request's head is a commit Honk pushed for it (the delivered session's,
/// a fix or conflict round's, or a clean rebase's), so approving the original session after a fix round merges the
/// round's head, while a commit pushed outside Honk is refused as unreviewed; the pull request is open, free of
/// conflicts, and its required checks pass (<see cref="GitHubPullRequestMerger"/>); the merge names that head, so GitHub
/// refuses it if the branch moves in between.
/// </remarks>
internal static class PullRequestApproval
{
    /// <summary>The effect recording a head a clean rebase pushed (<c>pr-rebased:&lt;sha&gt;</c>), in the delivered session's effects.</summary>
    public const string RebasedEffectPrefix = "pr-rebased:";
    /// <summary>The session's pull request: its succeeded <c>pr</c> delivery's address.</summary>
    public static GitHubPullRequestReference? Find(SessionResult result)
        => FindDelivery(result) is { } pr && GitHubPullRequestReference.TryParse(pr.Url, out var reference) ? reference : null;

    /// <summary>The session's succeeded <c>pr</c> delivery (with the pull request's address).</summary>
    public static DeliveryResult? FindDelivery(SessionResult result)
        => result.Deliveries.LastOrDefault(d => d is { Channel: GitHubPullRequestChannel.ChannelName, Succeeded: true, Url: not null });

    /// <summary>
    /// The commit an approval of <paramref name="sessionId"/> may merge: the pull request's head when Honk pushed it for
    /// this pull request (so the original session can be approved after its rounds), else the session's own commit (and
    /// the merger then says the pull request moved on). Throws when a round is still working on it.
    /// </summary>
    public static async Task<string?> ApprovableHeadAsync(
        HonkHost? host, GitHubClient github, PullRequestLoopOptions loop, string sessionId, SessionResult result, GitHubPullRequestReference pullRequest, CancellationToken cancellationToken)
    {
        if (host is null || await host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return result.Commit;
        }

        var rootId = PullRequestWatcher.IsRound(session) ? session.Request.ParentSessionId! : session.Id;
        var honkPushed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (await host.GetAsync(rootId, cancellationToken).ConfigureAwait(false) is { Result.Commit: { } delivered })
        {
            honkPushed.Add(delivered);
        }

        foreach (var (kind, max) in new[] { ("fix", loop.MaxFixRounds), ("rebase", loop.MaxRebaseRounds) })
        {
            for (var n = 1; n <= max; n++)
            {
                if (await host.GetAsync($"{rootId}-{kind}-{n.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false) is not { } round)
                {
                    break;
                }

                if (!round.Status.IsFinal())
                {
                    throw new InvalidOperationException($"{round.Id} is still working on {pullRequest}; approve once it has finished and its checks pass.");
                }

                if (round is { Status: HostedSessionStatus.Succeeded, Result.Commit: { } pushed })
                {
                    honkPushed.Add(pushed);
                }
            }
        }

        foreach (var effect in await host.Store.ListEffectsAsync(rootId, cancellationToken).ConfigureAwait(false))
        {
            // A begun one too: it names a commit only Honk's rebase made, recorded before its push (the host may have
            // stopped between the push and the record); it is approvable only when it is the head, i.e. was pushed.
            if (effect is { State: EffectState.Succeeded or EffectState.Begun } && effect.EffectKey.StartsWith(RebasedEffectPrefix, StringComparison.Ordinal))
            {
                honkPushed.Add(effect.EffectKey[RebasedEffectPrefix.Length..]);
            }
        }

        var pull = await github.GetPullRequestAsync(pullRequest.Owner, pullRequest.Repository, pullRequest.Number, cancellationToken).ConfigureAwait(false);
        return pull.Head?.Sha is { } head && honkPushed.Contains(head) ? head : result.Commit;
    }

    /// <summary>Merges the pull request, or throws <see cref="InvalidOperationException"/> saying why not.</summary>
    public static async Task<string> MergeAsync(
        GitHubClient github, ApprovalOptions options, GitHubPullRequestReference pullRequest, string? reviewedCommit, string approvedBy, CancellationToken cancellationToken)
    {
        var merge = new GitHubMergeOptions { Method = options.PullRequestMergeMethod };
        foreach (var check in options.RequiredChecks)
        {
            merge.RequiredChecks.Add(check);
        }

        GitHubMergeDecision decision;
        try
        {
            decision = await new GitHubPullRequestMerger(github, merge).MergeAsync(pullRequest, reviewedCommit, approvedBy, cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubApiException ex)
        {
            throw new InvalidOperationException($"GitHub could not be asked about {pullRequest}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"GitHub could not be reached to merge {pullRequest}: {ex.Message}", ex);
        }

        return decision.Merged ? decision.Message : throw new InvalidOperationException(decision.Message);
    }
}
