using Honk.Delivery.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.GitHub;

public sealed class GitHubClientPullRequestLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListCheckRunsAsync_AndStatuses_ReadTheCommitsChecks()
    {
        await using var github = new FakeGitHub();
        github.AddCheckRun("abc123", "build", conclusion: "success");
        github.AddCheckRun("abc123", "test", conclusion: "failure");
        github.AddCheckRun("abc123", "lint", status: "in_progress", conclusion: null);
        github.AddCheckRun("other", "build");
        github.AddStatus("abc123", "ci/jenkins", "pending", "queued");
        using var http = new HttpClient();
        var client = Client(http, github);

        var runs = await client.ListCheckRunsAsync("octo", "repo", "abc123", Ct);
        var statuses = await client.ListCommitStatusesAsync("octo", "repo", "abc123", Ct);

        Assert.Equal(["build", "test", "lint"], runs.Select(r => r.Name));
        Assert.True(runs[0].Passed);
        Assert.True(runs[1].Failed);
        Assert.False(runs[2].Passed || runs[2].Failed);
        Assert.Equal("in_progress", runs[2].Status);
        var status = Assert.Single(statuses);
        Assert.Equal(("ci/jenkins", "pending", "queued"), (status.Context, status.State, status.Description));
        Assert.Equal("/api/v3/repos/octo/repo/commits/abc123/check-runs", github.Requests[0].Path);
    }

    [Fact]
    public async Task GetJobLogsAsync_FollowsTheRedirect_WithoutSendingTheTokenToTheDownloadHost()
    {
        await using var github = new FakeGitHub();
        var job = github.AddCheckRun("abc123", "test", conclusion: "failure", log: "2026-01-02T03:04:05Z FAIL CartTests.Empty\n");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var log = await Client(http, github).GetJobLogsAsync("octo", "repo", job, Ct);

        Assert.Contains("FAIL CartTests.Empty", log, StringComparison.Ordinal);
        Assert.Equal([false], github.LogDownloadsWithToken);
    }

    [Fact]
    public async Task MergePullRequestAsync_SendsMethodAndReviewedSha_ReturnsTheMergeCommit()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        using var http = new HttpClient();

        var sha = await Client(http, github).MergePullRequestAsync("octo", "repo", 1, GitHubMergeMethod.Squash, "abc123", "Fix it (#1)", Ct);

        Assert.Equal("merged1squash", sha);
        var put = Assert.Single(github.Requests);
        Assert.Equal("PUT", put.Method);
        Assert.Equal("/api/v3/repos/octo/repo/pulls/1/merge", put.Path);
        Assert.Equal("squash", put.Json["merge_method"]!.GetValue<string>());
        Assert.Equal("abc123", put.Json["sha"]!.GetValue<string>());
        Assert.True(github.PullRequests[0]["merged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MergePullRequestAsync_HeadMovedSinceReview_Fails409AndMergesNothing()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.SetPull(1, headSha: "def456");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github).MergePullRequestAsync("octo", "repo", 1, GitHubMergeMethod.Merge, "abc123", cancellationToken: Ct));

        Assert.Equal(409, ex.StatusCode);
        Assert.Contains("Head branch was modified", ex.Message, StringComparison.Ordinal);
        Assert.False(github.PullRequests[0]["merged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MergePullRequestAsync_NotMergeable_Fails405WithGitHubsMessage()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.SetPull(1, mergeable: false, mergeableState: "dirty");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github).MergePullRequestAsync("octo", "repo", 1, GitHubMergeMethod.Rebase, cancellationToken: Ct));

        Assert.Equal(405, ex.StatusCode);
        Assert.Equal("Pull Request is not mergeable", ex.GitHubMessage);
    }

    [Fact]
    public async Task GetPullRequestAsync_ReadsMergeability()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.SetPull(1, mergeable: false, mergeableState: "behind", headSha: "f00");
        using var http = new HttpClient();

        var pull = await Client(http, github).GetPullRequestAsync("octo", "repo", 1, Ct);

        Assert.Equal((false, "behind", "f00"), (pull.Mergeable, pull.MergeableState, pull.Head?.Sha));
        Assert.False(pull.Merged);
    }

    [Fact]
    public async Task CreateIssueCommentOnceAsync_MarkerAlreadyPosted_PostsNothing()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddComment(1, "someone else");
        github.AddComment(1, "Done.\n<!-- honk-session: s-1 -->");
        using var http = new HttpClient();

        var (comment, posted) = await Client(http, github).CreateIssueCommentOnceAsync("octo", "repo", 1, "Done again.", "<!-- honk-session: s-1 -->", Ct);

        Assert.False(posted);
        Assert.Equal(9002, comment.Id);
        Assert.Equal(2, github.Comments(1).Count);
        Assert.DoesNotContain(github.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task CreateIssueCommentOnceAsync_NotYetPosted_PostsOnceWithTheMarker()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        using var http = new HttpClient();
        var client = Client(http, github);

        var first = await client.CreateIssueCommentOnceAsync("octo", "repo", 1, "Done.", "<!-- honk-session: s-1 -->", Ct);
        var second = await client.CreateIssueCommentOnceAsync("octo", "repo", 1, "Done.", "<!-- honk-session: s-1 -->", Ct);

        Assert.True(first.Posted);
        Assert.False(second.Posted);
        Assert.Equal("Done.\n<!-- honk-session: s-1 -->", Assert.Single(github.Comments(1)));
    }

    private static GitHubClient Client(HttpClient http, FakeGitHub github)
        => new(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token }, new SteppingTimeProvider(DateTimeOffset.UnixEpoch));
}
