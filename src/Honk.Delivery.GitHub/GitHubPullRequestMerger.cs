namespace Honk.Delivery.GitHub;

/// <summary>
/// Merges an approved pull request through the API, and only when it may be merged: open, not a draft, still at the
/// commit the approver reviewed, free of conflicts, and every check run and commit status on its head passed (the
/// <see cref="GitHubMergeOptions.RequiredChecks"/> among them). Otherwise it says why and merges nothing.
/// </summary>
public sealed class GitHubPullRequestMerger
{
    private readonly GitHubClient _client;
    private readonly GitHubMergeOptions _options;

    /// <summary>Creates the merger.</summary>
    /// <param name="client">The GitHub client.</param>
    /// <param name="options">The merge method and the required checks.</param>
    public GitHubPullRequestMerger(GitHubClient client, GitHubMergeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new GitHubMergeOptions();
    }

    /// <summary>Merges the pull request when it may be merged.</summary>
    /// <param name="pullRequest">Which pull request.</param>
    /// <param name="reviewedCommit">The head commit the approver saw; <see langword="null"/> to skip that check.</param>
    /// <param name="approvedBy">Who approved (named in the merge commit's title).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Merged, or refused with the reason.</returns>
    /// <exception cref="GitHubApiException">GitHub could not be asked (the merge itself being refused is a decision, not an exception).</exception>
    public async Task<GitHubMergeDecision> MergeAsync(GitHubPullRequestReference pullRequest, string? reviewedCommit, string approvedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var (owner, repo, number) = (pullRequest.Owner, pullRequest.Repository, pullRequest.Number);
        var pull = await _client.GetPullRequestAsync(owner, repo, number, cancellationToken).ConfigureAwait(false);
        if (pull.Merged)
        {
            return GitHubMergeDecision.Done($"{pullRequest} is already merged.");
        }

        var head = pull.Head?.Sha;
        var refusal = pull switch
        {
            { State: not "open" } => $"{pullRequest} is closed.",
            { Draft: true } => $"{pullRequest} is a draft; mark it ready for review first.",
            _ when head is null => $"GitHub did not say which commit {pullRequest} is at.",
            _ when reviewedCommit is not null && !string.Equals(head, reviewedCommit, StringComparison.OrdinalIgnoreCase)
                => $"{pullRequest} has moved on since this session (its head is {Short(head)}, the session delivered {Short(reviewedCommit)}); review the latest round.",
            { Mergeable: false } or { MergeableState: "dirty" } => $"{pullRequest} conflicts with its base branch; it needs a rebase first.",
            _ => null,
        };
        if (refusal is not null)
        {
            return GitHubMergeDecision.Refused(refusal);
        }

        if (await CheckChecksAsync(owner, repo, head!, cancellationToken).ConfigureAwait(false) is { } checks)
        {
            return GitHubMergeDecision.Refused($"{pullRequest} cannot be merged yet: {checks}");
        }

        try
        {
            var title = $"{pull.Title} (#{number}, approved by {approvedBy})";
            var commit = await _client.MergePullRequestAsync(owner, repo, number, _options.Method, head, title, cancellationToken).ConfigureAwait(false);
            return GitHubMergeDecision.Done($"{_options.Method.ToString().ToLowerInvariant()}-merged {pullRequest} at {Short(commit)}", commit);
        }
        catch (GitHubApiException ex) when (ex.StatusCode is 405 or 409 or 422)
        {
            return GitHubMergeDecision.Refused($"GitHub refused to merge {pullRequest}: {ex.GitHubMessage ?? ex.Message}");
        }
    }

    /// <summary>Why the head's checks do not allow a merge, or <see langword="null"/> when they do.</summary>
    private async Task<string?> CheckChecksAsync(string owner, string repo, string head, CancellationToken cancellationToken)
    {
        var runs = await _client.ListCheckRunsAsync(owner, repo, head, cancellationToken).ConfigureAwait(false);
        var statuses = await _client.ListCommitStatusesAsync(owner, repo, head, cancellationToken).ConfigureAwait(false);
        var failed = runs.Where(r => r.Failed).Select(r => $"{r.Name} ({r.Conclusion})")
            .Concat(statuses.Where(s => s.State is "failure" or "error").Select(s => $"{s.Context} ({s.State})"))
            .ToList();
        if (failed.Count > 0)
        {
            return "failing checks: " + string.Join(", ", failed) + ".";
        }

        var pending = runs.Where(r => r.Status != "completed").Select(r => r.Name)
            .Concat(statuses.Where(s => s.State == "pending").Select(s => s.Context))
            .ToList();
        if (pending.Count > 0)
        {
            return "checks still running: " + string.Join(", ", pending) + ".";
        }

        var passed = runs.Where(r => r.Passed).Select(r => r.Name).Concat(statuses.Where(s => s.State == "success").Select(s => s.Context)).ToHashSet(StringComparer.Ordinal);
        var missing = _options.RequiredChecks.Where(c => !passed.Contains(c)).ToList();
        return missing.Count > 0 ? "required checks have not reported: " + string.Join(", ", missing) + "." : null;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
