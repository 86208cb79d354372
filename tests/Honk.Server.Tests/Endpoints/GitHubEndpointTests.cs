using System.Net;

namespace Honk.Server.Tests;

public sealed class GitHubEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueComment_MentionFromAllowedUser_StartsSessionAndCommentsResult()
    {
        await using var app = await ServerApp.StartAsync();
        var body = GitHubPayloads.IssueComment("Looks broken.\n@honk fix the cart NRE", "octocat", pullRequest: true);
        using var response = await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "d-1"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var submission = Assert.Single(app.Gateway.Submissions);
        Assert.Equal("https://github.com/octo/shop.git", submission.Repository);
        Assert.Equal("fix the cart NRE", submission.Task.Goal);
        Assert.Equal("github:octocat", submission.Source.Requester);
        Assert.Equal(42, submission.Source.GitHubIssue);

        // First a look for a comment already carrying the session's marker (none), then the comment.
        var requests = await app.GitHubApi.WaitForAsync(2);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/api/v3/repos/octo/shop/issues/42/comments", r.Path));
        var comment = requests[1];
        Assert.Contains("<!-- honk-session: s0001 -->", comment.Body, StringComparison.Ordinal);
        Assert.Contains("succeeded", comment.Body, StringComparison.Ordinal);
        Assert.Contains("/review/s0001)", comment.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("?t=", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueComment_RepositoryMapped_UsesTheMappedLocation()
    {
        await using var app = await ServerApp.StartAsync(o => o.Repositories["octo/shop"] = "/srv/git/shop.git");
        await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", GitHubPayloads.IssueComment("@honk do it", "octocat"), "d-map"), Ct);
        Assert.Equal("/srv/git/shop.git", Assert.Single(app.Gateway.Submissions).Repository);
    }

    [Fact]
    public async Task Webhook_ReplayedDelivery_Is409AndStartsOneSession()
    {
        await using var app = await ServerApp.StartAsync();
        var body = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "same-id"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "same-id"), Ct)).StatusCode);
        Assert.Single(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Webhook_ForgedOrUnsigned_Is401()
    {
        await using var app = await ServerApp.StartAsync();
        var body = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        var forged = ServerApp.GitHubRequest("issue_comment", body, "d-2", secret: "guess");
        var unsigned = ServerApp.GitHubRequest("issue_comment", body, "d-3");
        unsigned.Headers.Remove("X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(forged, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(unsigned, Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Webhook_NotAllowListed_Is403AndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync();
        using var response = await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", GitHubPayloads.IssueComment("@honk rm -rf", "mallory"), "d-4"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Webhook_MalformedMissingHeadersOrOversized_Is400Or413()
    {
        await using var app = await ServerApp.StartAsync(o => o.MaxBodyBytes = 2048);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", "{\"action\":", "d-5"), Ct)).StatusCode);
        var noDelivery = ServerApp.GitHubRequest("issue_comment", "{}", "d-6");
        noDelivery.Headers.Remove("X-GitHub-Delivery");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.SendAsync(noDelivery, Ct)).StatusCode);
        var big = GitHubPayloads.IssueComment("@honk " + new string('x', 3000), "octocat");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", big, "d-7"), Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Webhook_PingEditedCommentOrNoMention_StartNothing()
    {
        await using var app = await ServerApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(ServerApp.GitHubRequest("ping", """{"zen":"Keep it logically awesome."}""", "p-1"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", GitHubPayloads.IssueComment("@honk x", "octocat", action: "edited"), "e-1"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", GitHubPayloads.IssueComment("nice work", "octocat"), "e-2"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("push", "{}", "e-3"), Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }
}
