using Honk.Delivery.GitHub;

namespace Honk.Server;

/// <summary>
/// Approve for a session delivered as a GitHub pull request: merge it through the API (the configured method, only
/// when its checks pass) instead of merging the branch with git. A refusal throws with the reason, so the approval is
/// recorded as failed and can be tried again once the checks are green.
/// </summary>
internal static class PullRequestApproval
{
    /// <summary>The session's pull request: its succeeded <c>pr</c> delivery's address.</summary>
    public static GitHubPullRequestReference? Find(SessionResult result)
        => FindDelivery(result) is { } pr && GitHubPullRequestReference.TryParse(pr.Url, out var reference) ? reference : null;

    /// <summary>The session's succeeded <c>pr</c> delivery (with the pull request's address).</summary>
    public static DeliveryResult? FindDelivery(SessionResult result)
        => result.Deliveries.LastOrDefault(d => d is { Channel: GitHubPullRequestChannel.ChannelName, Succeeded: true, Url: not null });

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
