using System.Net;

namespace Honk.Server.Tests;

/// <summary>
/// Replayed and re-ordered webhooks as an attacker who captured one signed delivery sends them: GitHub's signature
/// covers the body only, not the <c>X-GitHub-Delivery</c> header, so the body itself must be single-use.
/// </summary>
[Trait("Category", "Security")]
public sealed class WebhookReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GitHub_SameSignedCommentUnderANewDeliveryId_Is409AndStartsOneSession()
    {
        await using var app = await ServerApp.StartAsync();
        var body = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "d-first"), Ct)).StatusCode);
        foreach (var delivery in new[] { "d-second", "d-third" })
        {
            using var replayed = await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, delivery), Ct);
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        }

        Assert.Single(app.Gateway.Submissions);

        // Another comment by the same person on the same issue is new work.
        var next = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", next, "d-next"), Ct)).StatusCode);
        Assert.Equal(2, app.Gateway.Submissions.Count);
    }

    [Fact]
    public async Task GitHub_CommentOlderThanTheReplayWindow_Is409AndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync(o => o.ReplayWindow = TimeSpan.FromDays(3));
        var old = GitHubPayloads.IssueComment("@honk fix it", "octocat", createdAt: DateTimeOffset.UtcNow.AddDays(-4));
        using var response = await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", old, "d-fresh-id"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Slack_CommandWithoutTriggerIdReplayedWithItsSignatureInCapitals_Is409AndStartsOneSession()
    {
        await using var app = await ServerApp.StartAsync();
        const string body = "token=x&team_id=T1&channel_id=C0CHAN&user_id=U_ALLOWED&command=%2Fhonk&text=shop+fix+the+cart&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1";
        using var first = ServerApp.SlackRequest("slack/commands", body, "application/x-www-form-urlencoded");
        var timestamp = first.Headers.GetValues("X-Slack-Request-Timestamp").Single();
        var signature = first.Headers.GetValues("X-Slack-Signature").Single();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(first, Ct)).StatusCode);

        // The captured request again, its hex digits in capitals: the signature still verifies, the request is the same.
        using var replay = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        replay.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        replay.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        replay.Headers.Add("X-Slack-Signature", "v0=" + signature[3..].ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client.SendAsync(replay, Ct)).StatusCode);
        Assert.Single(app.Gateway.Submissions);
    }
}
