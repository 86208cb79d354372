using System.Text;
using Honk.Delivery.GitHub;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Server.Tests;

public sealed class CiFailureFeedbackTests
{
    private static readonly GitHubPullRequestReference Pr = new("octo", "repo", 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildAsync_FailingActionsJob_ExtractsTheTestAndFileLineFromItsLog()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build");
        github.AddCheckRun("abc123", "test (ubuntu)", conclusion: "failure", log: string.Join('\n',
            "2026-01-02T03:04:05.1234567Z ##[group]Run dotnet test",
            "2026-01-02T03:04:06.0000000Z   Failed Shop.Tests.CartTests.Total_Empty_IsZero [12 ms]",
            "2026-01-02T03:04:06.0000000Z   Error Message:",
            "2026-01-02T03:04:06.0000000Z    Assert.Equal() Failure: Expected 0, Actual 5",
            "2026-01-02T03:04:06.0000000Z   Stack Trace:",
            "2026-01-02T03:04:06.0000000Z      at Shop.Tests.CartTests.Total_Empty_IsZero() in /home/runner/work/shop/tests/CartTests.cs:line 14",
            "2026-01-02T03:04:07.0000000Z Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42",
            "2026-01-02T03:04:07.0000000Z ##[error]Process completed with exit code 1."));
        using var http = new HttpClient();

        var report = await CiFailureFeedback.BuildAsync(Client(http, github), Pr, Ct);

        Assert.NotNull(report?.Feedback);
        Assert.Equal(["test (ubuntu)"], report.FailingChecks);
        Assert.Contains("Shop.Tests.CartTests.Total_Empty_IsZero", report.Feedback, StringComparison.Ordinal);
        Assert.Contains("Expected 0, Actual 5", report.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("build", report.Feedback.Replace("ubuntu", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_CheckFailingOnTheBaseToo_IsReportedNotFixed()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "flaky-integration", conclusion: "failure", log: "boom");
        github.AddCheckRun("base000", "flaky-integration", conclusion: "failure", log: "boom");
        using var http = new HttpClient();

        var report = await CiFailureFeedback.BuildAsync(Client(http, github), Pr, Ct);

        Assert.NotNull(report);
        Assert.Null(report.Feedback);
        Assert.Empty(report.FailingChecks);
        Assert.Equal(["flaky-integration"], report.FailingOnBase);
    }

    [Fact]
    public async Task BuildAsync_HugeLog_FeedbackStaysWithin2KB()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        var log = string.Join('\n', Enumerable.Range(1, 500).Select(i => $"src/File{i}.ts({i},1): error TS2322: Type 'string' is not assignable to type 'number' in a long explanation number {i}."));
        github.AddCheckRun("abc123", "typecheck", conclusion: "failure", log: log);
        using var http = new HttpClient();

        var report = await CiFailureFeedback.BuildAsync(Client(http, github), Pr, Ct);

        Assert.NotNull(report?.Feedback);
        Assert.True(Encoding.UTF8.GetByteCount(report.Feedback) <= CiFailureFeedback.MaxBytes, $"{Encoding.UTF8.GetByteCount(report.Feedback)} bytes");
        Assert.Contains("TS2322", report.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_AllGreen_IsNull()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "build");
        using var http = new HttpClient();

        Assert.Null(await CiFailureFeedback.BuildAsync(Client(http, github), Pr, Ct));
    }

    private static GitHubClient Client(HttpClient http, FakeGitHub github)
        => new(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token });
}
