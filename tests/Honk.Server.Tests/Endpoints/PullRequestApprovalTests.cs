using System.Net;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Server.Tests;

/// <summary>Approve on the review page for a session delivered as a pull request: merged through GitHub's API, only when green.</summary>
public sealed class PullRequestApprovalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Approve_PullRequestWithFailingCheck_SaysWhy_ThenMergesWithTheConfiguredMethodOnceGreen()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        var check = github.AddCheckRun("abc123", "test", conclusion: "failure");
        await using var app = await ServerApp.StartAsync(o => o.Approval.PullRequestMergeMethod = Delivery.GitHub.GitHubMergeMethod.Rebase, githubApi: github.ApiUrl);
        var view = AddPullRequestSession(app);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        var token = app.SessionToken(view.Id, "lead");

        var refused = await ApproveAsync(client, view.Id, token);
        github.CompleteCheckRun(check, "success");
        var approved = await ApproveAsync(client, view.Id, token);

        Assert.Contains("Approval failed: octo/repo#1 cannot be merged yet: failing checks: test (failure).", refused, StringComparison.Ordinal);
        Assert.Contains("Approved.", approved, StringComparison.Ordinal);
        var merge = Assert.Single(github.Requests, r => r.Method == "PUT");
        Assert.Equal("rebase", merge.Json["merge_method"]!.GetValue<string>());
        Assert.Equal("abc123", merge.Json["sha"]!.GetValue<string>());
        Assert.True(github.PullRequests[0]["merged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Approve_PullRequestByNonApprover_IsRefusedAndAsksGitHubNothing()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix");
        github.AddCheckRun("abc123", "test");
        await using var app = await ServerApp.StartAsync(githubApi: github.ApiUrl);
        var view = AddPullRequestSession(app);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };

        using var response = await client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", app.SessionToken(view.Id, "mallory")), new FormUrlEncodedContent([new("t", app.SessionToken(view.Id, "mallory"))]), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(github.Requests);
    }

    private static async Task<string> ApproveAsync(HttpClient client, string id, string token)
    {
        using var response = await client.PostAsync(ServerApp.FormAction($"review/{id}/approve", token), new FormUrlEncodedContent([new("t", token)]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Uri.UnescapeDataString(response.Headers.Location!.ToString());
    }

    private static SessionView AddPullRequestSession(ServerApp app) => app.Gateway.AddCompleted(
        new SessionSubmission("https://github.com/octo/repo.git", new CodingTask("Fix the cart") { Title = "Fix the cart" }, new SessionSource { Kind = "slack", Requester = "slack:U_ALLOWED" }),
        new SessionResult
        {
            SessionId = "x",
            Status = SessionStatus.Succeeded,
            Branch = "honk/fix",
            Commit = "abc123",
            Deliveries =
            [
                new DeliveryResult { Channel = "push", Succeeded = true, Branch = "honk/fix", Commit = "abc123" },
                new DeliveryResult { Channel = "pr", Succeeded = true, Branch = "honk/fix", Url = new Uri("https://github.test/octo/repo/pull/1") },
            ],
        });
}
