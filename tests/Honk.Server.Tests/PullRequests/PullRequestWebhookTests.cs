using System.Net;
using System.Text.Json;

namespace Honk.Server.Tests.PullRequests;

/// <summary>Check and pull-request webhooks: verified like every delivery, parsed with Octokit.Webhooks' types, they only wake the watcher.</summary>
public sealed class PullRequestWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckRun_Signed_IsAcceptedAndStartsNoSession_ForgedIs401_MalformedIs400()
    {
        await using var app = await ServerApp.StartAsync();
        var body = GitHubPayloads.CheckRun("0123456789abcdef0123456789abcdef01234567", "test", "failure", "honk/fix");

        using var accepted = await app.Client.SendAsync(ServerApp.GitHubRequest("check_run", body, "cr-1"), Ct);
        using var forged = await app.Client.SendAsync(ServerApp.GitHubRequest("check_run", body, "cr-2", secret: "guess"), Ct);
        using var malformed = await app.Client.SendAsync(ServerApp.GitHubRequest("check_run", """{ "action": "completed", "check_run": { "name": "test" } }""", "cr-3"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var answer = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("octo/repo", answer.GetProperty("repository").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", answer.GetProperty("head").GetString());

        // This server has no host (a fake gateway): nothing to watch, and a check event never starts a session.
        Assert.False(answer.GetProperty("watching").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public void PollDelay_DoublesPerFailure_UpToTheCap()
    {
        var options = new PullRequestLoopOptions { PollInterval = TimeSpan.FromSeconds(30), MaxPollBackoff = TimeSpan.FromMinutes(5) };

        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)],
            Enumerable.Range(0, 6).Select(f => PullRequestWatchService.Delay(options, f)));
    }
}
