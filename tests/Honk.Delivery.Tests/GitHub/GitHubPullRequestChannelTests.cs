using Honk.Delivery.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.GitHub;

public sealed class GitHubPullRequestChannelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_NoOpenPullRequest_OpensOneWithTheSessionInTheBody()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var options = Options();
        options.Labels.Add("honk");
        options.Draft = true;
        var channel = new GitHubPullRequestChannel(Client(http, github), options);

        var result = await channel.DeliverAsync(Context(Pushed("honk/fix-nre")), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("pr", result.Channel);
        Assert.Equal("honk/fix-nre", result.Branch);
        Assert.Equal("0123456789abcdef", result.Commit);
        Assert.Equal(new Uri("https://github.test/octo/repo/pull/1"), result.Url);
        Assert.StartsWith("Opened pull request #1", result.Message, StringComparison.Ordinal);

        var create = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)).Json;
        Assert.Equal("[honk] Fix the NRE", create["title"]!.GetValue<string>());
        Assert.Equal("octo:honk/fix-nre", create["head"]!.GetValue<string>());
        Assert.Equal("main", create["base"]!.GetValue<string>());
        Assert.True(create["draft"]!.GetValue<bool>());
        var body = create["body"]!.GetValue<string>();
        Assert.Contains("Guarded the empty cart.", body, StringComparison.Ordinal);
        Assert.Contains("| dotnet | ✅ passed | build ok, 42 tests passed |", body, StringComparison.Ordinal);
        Assert.Contains("| lint | ❌ failed | a \\| b |", body, StringComparison.Ordinal);
        Assert.Contains("✅ Approved by the judge: in scope", body, StringComparison.Ordinal);
        Assert.Contains("- `src/OrderService.cs`", body, StringComparison.Ordinal);
        Assert.Contains("$0.0420", body, StringComparison.Ordinal);
        Assert.Contains("[View the session](https://honk.test/sessions/s-1)", body, StringComparison.Ordinal);
        Assert.Contains("<!-- honk-session: s-1 -->", body, StringComparison.Ordinal);

        var labels = Assert.Single(github.Requests, r => r.Path.EndsWith("/labels", StringComparison.Ordinal));
        Assert.Equal("/api/v3/repos/octo/repo/issues/1/labels", labels.Path);
        Assert.Equal("honk", Assert.Single(github.PullRequests[0]["labels"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliverAsync_Twice_UpdatesTheSamePullRequest()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(Client(http, github), Options());
        var context = Context(Pushed("honk/fix-nre"));

        var first = await channel.DeliverAsync(context, Ct);
        var second = await channel.DeliverAsync(context, Ct);

        Assert.True(second.Succeeded, second.Message);
        Assert.StartsWith("Updated pull request #1", second.Message, StringComparison.Ordinal);
        Assert.Equal(first.Url, second.Url);
        Assert.Single(github.PullRequests);
        var patch = Assert.Single(github.Requests, r => r.Method == "PATCH");
        Assert.Equal("/api/v3/repos/octo/repo/pulls/1", patch.Path);
        Assert.Contains("Guarded the empty cart.", patch.Json["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_CreateAnswers422AlreadyExists_FindsAndUpdatesIt()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix-nre");
        github.HideFromListings = 1;
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(Client(http, github), Options());

        var result = await channel.DeliverAsync(Context(Pushed("honk/fix-nre")), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.StartsWith("Updated pull request #1", result.Message, StringComparison.Ordinal);
        Assert.Equal(["GET", "GET", "POST", "GET", "PATCH"], github.Requests.Select(r => r.Method));
        Assert.Single(github.PullRequests);
        Assert.Equal("[honk] Fix the NRE", github.PullRequests[0]["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliverAsync_OpenPullRequestOnALaterPage_IsFoundAndUpdated()
    {
        await using var github = new FakeGitHub { PageSize = 1 };
        github.AddPullRequest("octo", "honk/fix-nre", baseBranch: "release");
        github.AddPullRequest("octo", "honk/fix-nre", baseBranch: "main");
        using var http = new HttpClient();
        var options = Options();
        options.BaseBranch = "main";
        var channel = new GitHubPullRequestChannel(Client(http, github), options);

        var result = await channel.DeliverAsync(Context(Pushed("honk/fix-nre")), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("/api/v3/repos/octo/repo/pulls/2", Assert.Single(github.Requests, r => r.Method == "PATCH").Path);
    }

    [Fact]
    public async Task DeliverAsync_WrongToken_FailsWithGitHubsMessageButNotTheToken()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var client = new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = "ghp_leaked?" });
        var channel = new GitHubPullRequestChannel(client, Options());

        var result = await channel.DeliverAsync(Context(Pushed("honk/fix-nre")), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("Bad credentials", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_leaked", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_RateLimitBeyondTheAllowedWait_FailsClearly()
    {
        await using var github = new FakeGitHub();
        github.Fail(LoopbackResponse.Json(429, new { message = "secondary rate limit" }, new Dictionary<string, string> { ["retry-after"] = "900" }));
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(Client(http, github), Options());

        var result = await channel.DeliverAsync(Context(Pushed("honk/fix-nre")), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("rate limit", result.Message, StringComparison.Ordinal);
        Assert.Contains("15 min", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_NoPushedBranch_FailsWithoutCallingGitHub()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(Client(http, github), Options());

        var result = await channel.DeliverAsync(Context(), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("deliver through 'push' before 'pr'", result.Message, StringComparison.Ordinal);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task DeliverAsync_NoEarlierChannel_UsesTheWorkspaceBranchAndForkOwner()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var options = Options();
        options.HeadOwner = "forker";
        var channel = new GitHubPullRequestChannel(Client(http, github), options);

        var result = await channel.DeliverAsync(Context(workspaceBranch: "honk/from-workspace"), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("forker:honk/from-workspace", github.Requests[0].Query("head"));
        Assert.Equal("forker:honk/from-workspace", Assert.Single(github.Requests, r => r.Method == "POST").Json["head"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_Throws()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(Client(http, github), Options());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await channel.DeliverAsync(Context(Pushed("b")), cts.Token));
    }

    internal static GitHubClient Client(HttpClient http, FakeGitHub github)
        => new(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token }, new SteppingTimeProvider(DateTimeOffset.UnixEpoch));

    internal static GitHubPullRequestOptions Options() => new()
    {
        Owner = "octo",
        Repository = "repo",
        TitlePrefix = "[honk] ",
        SessionUrlTemplate = "https://honk.test/sessions/{sessionId}",
    };

    private static DeliveryResult Pushed(string branch) => new() { Channel = "push", Succeeded = true, Branch = branch, Commit = "0123456789abcdef" };

    internal static DeliveryContext Context(DeliveryResult? previous = null, string? workspaceBranch = null, string summary = "Guarded the empty cart.")
    {
        var task = new CodingTask("Fix the NRE in OrderService when the cart is empty.\nMore detail.") { Title = "Fix the NRE" };
        var result = new SessionResult
        {
            SessionId = "s-1",
            Status = SessionStatus.Succeeded,
            Summary = summary,
            ChangedFiles = ["src/OrderService.cs", "tests/OrderServiceTests.cs"],
            Validators =
            [
                new ValidatorReport("dotnet", ValidationResult.Success("build ok, 42 tests passed")),
                new ValidatorReport("lint", ValidationResult.Failure("a | b")),
            ],
            Verdict = Verdict.Approve("in scope"),
            Turns = 7,
            ToolCalls = 12,
            Usage = new SessionUsage(12_000, 800, 0.042m),
        };
        return new DeliveryContext(task, new TestWorkspace(workspaceBranch), result)
        {
            Model = "script",
            Previous = previous is null ? [] : [previous],
        };
    }
}
