using Honk.Delivery.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.GitHub;

public sealed class GitHubPullRequestMergerTests
{
    private static readonly GitHubPullRequestReference Pr = new("octo", "repo", 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(GitHubMergeMethod.Squash, "squash")]
    [InlineData(GitHubMergeMethod.Merge, "merge")]
    [InlineData(GitHubMergeMethod.Rebase, "rebase")]
    public async Task MergeAsync_GreenChecks_MergesWithTheConfiguredMethodAtTheReviewedCommit(GitHubMergeMethod method, string wire)
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build");
        github.AddStatus("abc123", "ci/jenkins", "success");
        using var http = new HttpClient();
        var options = new GitHubMergeOptions { Method = method };
        options.RequiredChecks.Add("build");

        var decision = await new GitHubPullRequestMerger(Client(http, github), options).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.True(decision.Merged, decision.Message);
        Assert.Equal("merged1" + wire, decision.Commit);
        var put = Assert.Single(github.Requests, r => r.Method == "PUT").Json;
        Assert.Equal(wire, put["merge_method"]!.GetValue<string>());
        Assert.Equal("abc123", put["sha"]!.GetValue<string>());
        Assert.Contains("approved by lead", put["commit_title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_FailingCheck_RefusesAndNamesIt()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build");
        github.AddCheckRun("abc123", "test (windows)", conclusion: "failure");
        using var http = new HttpClient();

        var decision = await new GitHubPullRequestMerger(Client(http, github)).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.False(decision.Merged);
        Assert.Contains("failing checks: test (windows) (failure)", decision.Message, StringComparison.Ordinal);
        AssertNotMerged(github);
    }

    [Fact]
    public async Task MergeAsync_CheckStillRunningOrStatusPending_RefusesUntilDone()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build", status: "in_progress", conclusion: null);
        github.AddStatus("abc123", "ci/jenkins", "pending");
        using var http = new HttpClient();

        var decision = await new GitHubPullRequestMerger(Client(http, github)).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.False(decision.Merged);
        Assert.Contains("checks still running: build, ci/jenkins", decision.Message, StringComparison.Ordinal);
        AssertNotMerged(github);
    }

    [Fact]
    public async Task MergeAsync_RequiredCheckNeverReported_Refuses()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "lint");
        using var http = new HttpClient();
        var options = new GitHubMergeOptions();
        options.RequiredChecks.Add("build");

        var decision = await new GitHubPullRequestMerger(Client(http, github), options).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.False(decision.Merged);
        Assert.Contains("required checks have not reported: build", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_HeadMovedSinceTheReviewedCommit_Refuses()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.SetPull(1, headSha: "later999");
        github.AddCheckRun("later999", "build");
        using var http = new HttpClient();

        var decision = await new GitHubPullRequestMerger(Client(http, github)).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.False(decision.Merged);
        Assert.Contains("has moved on since this session", decision.Message, StringComparison.Ordinal);
        AssertNotMerged(github);
    }

    [Theory]
    [InlineData(false, "dirty", null, "conflicts with its base branch")]
    [InlineData(true, "clean", true, "is a draft")]
    public async Task MergeAsync_ConflictsOrDraft_Refuses(bool mergeable, string state, bool? draft, string expected)
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.SetPull(1, mergeable: mergeable, mergeableState: state, draft: draft);
        github.AddCheckRun("abc123", "build");
        using var http = new HttpClient();

        var decision = await new GitHubPullRequestMerger(Client(http, github)).MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.False(decision.Merged);
        Assert.Contains(expected, decision.Message, StringComparison.Ordinal);
        AssertNotMerged(github);
    }

    [Fact]
    public async Task MergeAsync_AlreadyMerged_SaysSoWithoutMergingAgain()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build");
        using var http = new HttpClient();
        var merger = new GitHubPullRequestMerger(Client(http, github));

        var first = await merger.MergeAsync(Pr, "abc123", "lead", Ct);
        var second = await merger.MergeAsync(Pr, "abc123", "lead", Ct);

        Assert.True(first.Merged && second.Merged);
        Assert.Contains("already merged", second.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests, r => r.Method == "PUT");
    }

    [Theory]
    [InlineData("https://github.com/octo/shop/pull/42", "octo", "shop", 42)]
    [InlineData("https://ghe.example.com/team/tool/pull/7", "team", "tool", 7)]
    public void TryParse_PullRequestAddress_ReadsOwnerRepositoryNumber(string url, string owner, string repo, int number)
    {
        Assert.True(GitHubPullRequestReference.TryParse(new Uri(url), out var pr));
        Assert.Equal(new GitHubPullRequestReference(owner, repo, number), pr);
    }

    [Theory]
    [InlineData("https://github.com/octo/shop/issues/42")]
    [InlineData("https://github.com/octo/shop/pull/x")]
    [InlineData("https://github.com/pull/1")]
    public void TryParse_OtherAddress_IsFalse(string url) => Assert.False(GitHubPullRequestReference.TryParse(new Uri(url), out _));

    private static void AssertNotMerged(FakeGitHub github)
    {
        Assert.DoesNotContain(github.Requests, r => r.Method == "PUT");
        Assert.False(github.PullRequests[0]["merged"]!.GetValue<bool>());
    }

    private static GitHubClient Client(HttpClient http, FakeGitHub github)
        => new(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token }, new SteppingTimeProvider(DateTimeOffset.UnixEpoch));
}
