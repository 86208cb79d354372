using Honk.Delivery.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.GitHub;

public sealed class GitHubClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetRepositoryAsync_SendsGitHubHeaders_ReadsRepository()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var client = Client(http, github);

        var repository = await client.GetRepositoryAsync("octo", "repo", Ct);

        Assert.Equal("octo/repo", repository.FullName);
        Assert.Equal("main", repository.DefaultBranch);
        var request = Assert.Single(github.Requests);
        Assert.Equal("/api/v3/repos/octo/repo", request.Path);
        Assert.Equal("Bearer " + FakeGitHub.Token, request.Header("Authorization"));
        Assert.Contains("application/vnd.github", request.Header("Accept"), StringComparison.Ordinal);
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        Assert.StartsWith("honk-tests (", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRepositoryAsync_WrongToken_ThrowsWithGitHubsMessageAndNoToken()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var client = new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = "ghp_wrong-token" });

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => client.GetRepositoryAsync("octo", "repo", Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("Bad credentials", ex.GitHubMessage);
        Assert.Contains("Bad credentials", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_wrong-token", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Bearer ghp_wrong-token", Assert.Single(github.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task GetRepositoryAsync_NoToken_SendsNoAuthorizationAndFails401()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var client = new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl });

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => client.GetRepositoryAsync("octo", "repo", Ct));

        Assert.Equal(401, ex.StatusCode);
        Assert.Null(Assert.Single(github.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task ListPullRequestsAsync_SeveralPages_FollowsLinkHeaderToTheLastPage()
    {
        await using var github = new FakeGitHub { PageSize = 2 };
        for (var i = 0; i < 5; i++)
        {
            github.AddPullRequest("octo", "honk/fix");
        }

        github.AddPullRequest("octo", "someone-else");
        using var http = new HttpClient();

        var pulls = await Client(http, github).ListPullRequestsAsync("octo", "repo", "octo:honk/fix", cancellationToken: Ct);

        Assert.Equal([1, 2, 3, 4, 5], pulls.Select(p => p.Number));
        Assert.All(pulls, p => Assert.Equal("honk/fix", p.Head?.Ref));
        Assert.Equal(3, github.Requests.Count);
        Assert.All(github.Requests, r => Assert.Equal("octo:honk/fix", r.Query("head")));
        Assert.Equal(["1", "2", "3"], github.Requests.Select(r => r.Query("page") ?? "1"));
        Assert.Equal("100", github.Requests[0].Query("per_page"));
    }

    [Fact]
    public async Task ListPullRequestsAsync_NextLinkToAnotherHost_RefusesToSendTheTokenThere()
    {
        await using var github = new FakeGitHub { PageSize = 1, NextLinkOverride = "http://127.0.0.2:1/steal?page=2" };
        github.AddPullRequest("octo", "b");
        github.AddPullRequest("octo", "b");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github).ListPullRequestsAsync("octo", "repo", "octo:b", cancellationToken: Ct));

        Assert.Contains("refusing to send the token", ex.Message, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/v3")]
    public async Task Requests_EnterpriseBaseUrl_GoUnderApiV3(string path)
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var client = new GitHubClient(http, new GitHubClientOptions { BaseUrl = new Uri(github.ServerUrl, path), Token = FakeGitHub.Token });

        var created = await client.CreatePullRequestAsync("octo", "repo", new NewPullRequest { Title = "t", Head = "octo:b", Base = "main" }, Ct);
        var pulls = await client.ListPullRequestsAsync("octo", "repo", "octo:b", cancellationToken: Ct);

        Assert.Equal(1, created.Number);
        Assert.Single(pulls);
        Assert.All(github.Requests, r => Assert.StartsWith("/api/v3/repos/octo/repo/pulls", r.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task SendAsync_SecondaryRateLimitWithRetryAfter_WaitsThatLongAndRetries(int status)
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(status, new { message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
            new Dictionary<string, string> { ["retry-after"] = "3" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);

        var repository = await Client(http, github, time).GetRepositoryAsync("octo", "repo", Ct);

        Assert.Equal("main", repository.DefaultBranch);
        Assert.Equal([TimeSpan.FromSeconds(3)], time.Delays);
        Assert.Equal(2, github.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_PrimaryRateLimitExhausted_WaitsUntilReset()
    {
        await using var github = new FakeGitHub();
        var reset = Now.AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        github.Fail(LoopbackResponse.Json(403, new { message = "API rate limit exceeded for user ID 1." },
            new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);

        await Client(http, github, time).GetRepositoryAsync("octo", "repo", Ct);

        Assert.Equal([TimeSpan.FromSeconds(31)], time.Delays);
    }

    [Fact]
    public async Task SendAsync_SecondaryRateLimitWithoutHeaders_WaitsAtLeastAMinute()
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(403, new { message = "You have exceeded a secondary rate limit." }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);

        await Client(http, github, time).GetRepositoryAsync("octo", "repo", Ct);

        Assert.Equal([TimeSpan.FromMinutes(1)], time.Delays);
    }

    [Fact]
    public async Task SendAsync_RateLimitLongerThanAllowed_FailsClearlyWithoutWaiting()
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(429, new { message = "You have exceeded a secondary rate limit." }, new Dictionary<string, string> { ["retry-after"] = "3600" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github, time).GetRepositoryAsync("octo", "repo", Ct));

        Assert.True(ex.IsRateLimited);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Contains("60 min", ex.Message, StringComparison.Ordinal);
        Assert.Empty(time.Delays);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task SendAsync_RateLimitThatNeverClears_FailsAfterMaxRetries()
    {
        await using var github = new FakeGitHub();
        for (var i = 0; i < 5; i++)
        {
            github.Fail(LoopbackResponse.Json(429, new { message = "secondary rate limit" }, new Dictionary<string, string> { ["retry-after"] = "1" }));
        }

        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);
        var client = new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token, MaxRateLimitRetries = 2 }, time);

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => client.GetRepositoryAsync("octo", "repo", Ct));

        Assert.True(ex.IsRateLimited);
        Assert.Contains("after 2 retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, github.Requests.Count);
        Assert.Equal(2, time.Delays.Count);
    }

    [Fact]
    public async Task SendAsync_ForbiddenWithoutRateLimit_FailsAtOnce()
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(403, new { message = "Resource not accessible by integration" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now);

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github, time).GetRepositoryAsync("octo", "repo", Ct));

        Assert.False(ex.IsRateLimited);
        Assert.Equal("Resource not accessible by integration", ex.GitHubMessage);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringRateLimitWait_StopsWaiting()
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(429, new { message = "secondary rate limit" }, new Dictionary<string, string> { ["retry-after"] = "30" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(Now, fire: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = Client(http, github, time).GetRepositoryAsync("octo", "repo", cts.Token);
        while (time.Delays.Count == 0)
        {
            await Task.Delay(5, Ct);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task CreatePullRequestAsync_ExistingOpenPullRequest_ThrowsAlreadyExists()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<GitHubApiException>(() => Client(http, github)
            .CreatePullRequestAsync("octo", "repo", new NewPullRequest { Title = "t", Head = "octo:honk/fix", Base = "main" }, Ct));

        Assert.Equal(422, ex.StatusCode);
        Assert.True(ex.IsPullRequestAlreadyExists);
        Assert.Contains("A pull request already exists for octo:honk/fix.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePullRequestAsync_SendsDocumentedFields()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();

        var created = await Client(http, github).CreatePullRequestAsync(
            "octo", "repo", new NewPullRequest { Title = "Fix it", Head = "octo:honk/fix", Base = "develop", Body = "why", Draft = true }, Ct);

        var body = Assert.Single(github.Requests).Json;
        Assert.Equal("Fix it", body["title"]!.GetValue<string>());
        Assert.Equal("octo:honk/fix", body["head"]!.GetValue<string>());
        Assert.Equal("develop", body["base"]!.GetValue<string>());
        Assert.Equal("why", body["body"]!.GetValue<string>());
        Assert.True(body["draft"]!.GetValue<bool>());
        Assert.True(created.Draft);
        Assert.Equal(new Uri("https://github.test/octo/repo/pull/1"), created.HtmlUrl);
    }

    [Fact]
    public async Task UpdatePullRequestAsync_SendsOnlyTheChangedFields()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "b");
        using var http = new HttpClient();

        var updated = await Client(http, github).UpdatePullRequestAsync("octo", "repo", 1, new PullRequestUpdate { Body = "new body" }, Ct);

        var request = Assert.Single(github.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/api/v3/repos/octo/repo/pulls/1", request.Path);
        Assert.Equal("""{"body":"new body"}""", request.Body);
        Assert.Equal("new body", updated.Body);
        Assert.Equal("existing", updated.Title);
    }

    [Fact]
    public async Task AddLabelsAsync_AndCreateIssueCommentAsync_PostToTheIssueEndpoints()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "b");
        using var http = new HttpClient();
        var client = Client(http, github);

        var labels = await client.AddLabelsAsync("octo", "repo", 1, ["honk", "bot"], Ct);
        var comment = await client.CreateIssueCommentAsync("octo", "repo", 1, "Updated by Honk.", Ct);

        Assert.Equal(["honk", "bot"], labels);
        Assert.Equal(["honk", "bot"], github.Requests[0].Json.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("/api/v3/repos/octo/repo/issues/1/labels", github.Requests[0].Path);
        Assert.Equal("/api/v3/repos/octo/repo/issues/1/comments", github.Requests[1].Path);
        Assert.Equal("Updated by Honk.", comment.Body);
        Assert.Equal(9001, comment.Id);
    }

    private static GitHubClient Client(HttpClient http, FakeGitHub github, TimeProvider? time = null)
        => new(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token, UserAgent = "honk-tests" }, time);
}
