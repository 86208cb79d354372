using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>The calls after a pull request opens: comments, checks, statuses, Actions job logs, merges.</summary>
public sealed partial class GitHubClient
{
    /// <summary>Comments on an issue or pull request (<c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="body">The comment (Markdown).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new comment.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<GitHubIssueComment> CreateIssueCommentAsync(string owner, string repository, int issueNumber, string body, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(issueNumber, 1);
        return CallAsync($"POST repos/{owner}/{repository}/issues/{issueNumber}/comments", async () =>
            GitHubIssueComment.From(await Octokit.Issue.Comment.Create(owner, repository, issueNumber, body).ConfigureAwait(false)), cancellationToken);
    }

    /// <summary>Lists the comments of an issue or pull request, oldest first, following pages.</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The comments.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<IReadOnlyList<GitHubIssueComment>> ListIssueCommentsAsync(string owner, string repository, int issueNumber, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentOutOfRangeException.ThrowIfLessThan(issueNumber, 1);
        return CallAsync<IReadOnlyList<GitHubIssueComment>>($"GET repos/{owner}/{repository}/issues/{issueNumber}/comments", async () =>
            [.. (await Octokit.Issue.Comment.GetAllForIssue(owner, repository, issueNumber, Pages()).ConfigureAwait(false)).Select(GitHubIssueComment.From)], cancellationToken);
    }

    /// <summary>
    /// Comments once: when a comment holding <paramref name="marker"/> is already on the issue (an earlier attempt
    /// posted it and then crashed before recording it), that comment is returned and nothing is posted. The marker is
    /// appended to the body when the body lacks it.
    /// </summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="body">The comment (Markdown).</param>
    /// <param name="marker">A text unique to this comment, normally an HTML comment such as <c>&lt;!-- honk-session: s-1 --&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The comment, new or found, and whether it was posted now.</returns>
    /// <exception cref="GitHubApiException">GitHub refused a request.</exception>
    public async Task<(GitHubIssueComment Comment, bool Posted)> CreateIssueCommentOnceAsync(
        string owner, string repository, int issueNumber, string body, string marker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        var comments = await ListIssueCommentsAsync(owner, repository, issueNumber, cancellationToken).ConfigureAwait(false);
        if (comments.FirstOrDefault(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true) is { } existing)
        {
            Log.CommentAlreadyPosted(_logger, marker, owner, repository, issueNumber);
            return (existing, false);
        }

        var text = body.Contains(marker, StringComparison.Ordinal) ? body : body + "\n" + marker;
        return (await CreateIssueCommentAsync(owner, repository, issueNumber, text, cancellationToken).ConfigureAwait(false), true);
    }

    /// <summary>Lists the check runs on a commit or branch (<c>GET /repos/{owner}/{repo}/commits/{ref}/check-runs</c>), every page.</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="reference">A commit SHA, branch or tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check runs.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<IReadOnlyList<GitHubCheckRun>> ListCheckRunsAsync(string owner, string repository, string reference, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return CallAsync<IReadOnlyList<GitHubCheckRun>>($"GET repos/{owner}/{repository}/commits/{reference}/check-runs", async () =>
        {
            var response = await Octokit.Check.Run.GetAllForReference(owner, repository, reference, new Octo.CheckRunRequest(), Pages()).ConfigureAwait(false);
            return [.. response.CheckRuns.Select(GitHubCheckRun.From)];
        }, cancellationToken);
    }

    /// <summary>The commit statuses on a commit or branch, latest per context (<c>GET /repos/{owner}/{repo}/commits/{ref}/status</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="reference">A commit SHA, branch or tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statuses (empty when no external CI reports any).</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<IReadOnlyList<GitHubCommitStatus>> ListCommitStatusesAsync(string owner, string repository, string reference, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return CallAsync<IReadOnlyList<GitHubCommitStatus>>($"GET repos/{owner}/{repository}/commits/{reference}/status", async () =>
        {
            var combined = await Octokit.Repository.Status.GetCombined(owner, repository, reference).ConfigureAwait(false);
            return [.. (combined.Statuses ?? []).Select(s => new GitHubCommitStatus(s.Context ?? "", s.State.StringValue ?? "", s.Description, ToUri(s.TargetUrl)))];
        }, cancellationToken);
    }

    /// <summary>
    /// The plain-text log of a GitHub Actions job (<c>GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs</c>; GitHub
    /// redirects to a short-lived download, which gets no token).
    /// </summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="jobId">The job's id (an Actions check run's id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log text.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request (404 for a check that is not an Actions job, or expired logs).</exception>
    public Task<string> GetJobLogsAsync(string owner, string repository, long jobId, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobId, 1);
        return CallAsync($"GET repos/{owner}/{repository}/actions/jobs/{jobId}/logs", async () =>
            await Octokit.Actions.Workflows.Jobs.GetLogs(owner, repository, jobId).ConfigureAwait(false) ?? "", cancellationToken);
    }

    /// <summary>Merges a pull request (<c>PUT /repos/{owner}/{repo}/pulls/{number}/merge</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="number">The pull request's number.</param>
    /// <param name="method">Squash, merge or rebase.</param>
    /// <param name="expectedHeadSha">The head commit that was reviewed: GitHub refuses (409) when the branch has moved past it.</param>
    /// <param name="commitTitle">The merge or squash commit's title; GitHub's default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resulting commit on the base branch.</returns>
    /// <exception cref="GitHubApiException">GitHub refused: 405 not mergeable, 409 head moved, 422 invalid.</exception>
    public Task<string> MergePullRequestAsync(
        string owner, string repository, int number, GitHubMergeMethod method, string? expectedHeadSha = null, string? commitTitle = null, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var octoMethod = method switch
        {
            GitHubMergeMethod.Squash => Octo.PullRequestMergeMethod.Squash,
            GitHubMergeMethod.Rebase => Octo.PullRequestMergeMethod.Rebase,
            _ => Octo.PullRequestMergeMethod.Merge,
        };
        return CallAsync($"PUT repos/{owner}/{repository}/pulls/{number}/merge", async () =>
        {
            var merge = await Octokit.PullRequest.Merge(owner, repository, number, new Octo.MergePullRequest { MergeMethod = octoMethod, Sha = expectedHeadSha, CommitTitle = commitTitle }).ConfigureAwait(false);
            if (!merge.Merged)
            {
                throw new GitHubApiException($"GitHub did not merge pull request #{number}: {merge.Message}");
            }

            Log.PullRequestMerged(_logger, number, owner, repository, method.ToString(), merge.Sha);
            return merge.Sha;
        }, cancellationToken);
    }
}
