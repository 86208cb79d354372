using System.Net;
using System.Text.Json;

namespace Honk.Server.Tests;

public sealed class SlackEndpointTests
{
    private const string Command = "token=x&team_id=T1&channel_id=C0CHAN&user_id=U_ALLOWED&command=%2Fhonk&text=shop+fix+the+cart+NRE&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2";
    private const string Form = "application/x-www-form-urlencoded";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SlashCommand_Signed_AcknowledgesAtOnceAndRepliesInThreadWhenDone()
    {
        await using var app = await ServerApp.StartAsync();
        var release = new TaskCompletionSource();
        app.Gateway.Executor = async (id, _, _, _) =>
        {
            await release.Task;
            return new SessionResult { SessionId = id, Status = SessionStatus.Succeeded, Summary = "Guarded the empty cart.", ChangedFiles = ["Cart.cs"], Turns = 3 };
        };

        // Slack needs an answer within 3 seconds: the session is held open until `release`, so getting the answer at
        // all shows the endpoint does not wait for the session (no timing assert: the machine may be busy).
        using var response = await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", Command, Form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("/review/", ack, StringComparison.Ordinal);

        var submission = Assert.Single(app.Gateway.Submissions);
        Assert.Equal("/repos/shop", submission.Repository);
        Assert.Equal("fix the cart NRE", submission.Task.Goal);
        Assert.Equal("slack:U_ALLOWED", submission.Task.Requester);

        // The "working on it" message first, then (after the session ends) the result in its thread.
        var first = await app.SlackApi.WaitForAsync(1);
        Assert.Contains("\"channel\":\"C0CHAN\"", first[0].Body, StringComparison.Ordinal);
        release.SetResult();
        var all = await app.SlackApi.WaitForAsync(2);
        Assert.Equal(2, all.Count);
        Assert.Equal("/api/chat.postMessage", all[1].Path);
        Assert.Contains("\"thread_ts\":\"1700000000.000100\"", all[1].Body, StringComparison.Ordinal);
        Assert.Contains("Guarded the empty cart.", all[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommand_Replayed_Is409AndStartsOneSession()
    {
        await using var app = await ServerApp.StartAsync();
        var request = ServerApp.SlackRequest("slack/commands", Command, Form);
        var replay = ServerApp.SlackRequest("slack/commands", Command, Form);
        replay.Headers.Remove("X-Slack-Request-Timestamp");
        replay.Headers.Add("X-Slack-Request-Timestamp", request.Headers.GetValues("X-Slack-Request-Timestamp"));
        replay.Headers.Remove("X-Slack-Signature");
        replay.Headers.Add("X-Slack-Signature", request.Headers.GetValues("X-Slack-Signature"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client.SendAsync(replay, Ct)).StatusCode);
        Assert.Single(app.Gateway.Submissions);
    }

    [Fact]
    public async Task SlashCommand_SameTriggerReSignedLater_Is409AndStartsOneSession()
    {
        await using var app = await ServerApp.StartAsync();
        var first = ServerApp.SlackRequest("slack/commands", Command, Form);
        var resigned = ServerApp.SlackRequest("slack/commands", Command, Form, at: DateTimeOffset.UtcNow.AddSeconds(-30));

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(first, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client.SendAsync(resigned, Ct)).StatusCode);
        Assert.Single(app.Gateway.Submissions);
    }

    [Fact]
    public async Task SlashCommand_ForgedOrStaleOrUnsigned_Is401AndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync();
        var forged = ServerApp.SlackRequest("slack/commands", Command, Form, secret: "not-the-secret");
        var stale = ServerApp.SlackRequest("slack/commands", Command, Form, at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(Command, System.Text.Encoding.UTF8, Form) };
        var tampered = ServerApp.SlackRequest("slack/commands", Command, Form);
        tampered.Content = new StringContent(Command.Replace("U_ALLOWED", "U_OTHER", StringComparison.Ordinal), System.Text.Encoding.UTF8, Form);
        foreach (var request in new[] { forged, stale, unsigned, tampered })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(request, Ct)).StatusCode);
        }

        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task SlashCommand_NotAllowListed_AnswersPolitelyAndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync();
        using var response = await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", Command.Replace("U_ALLOWED", "U_STRANGER", StringComparison.Ordinal), Form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not on Honk's list", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task SlashCommand_MalformedOrOversized_Is400Or413()
    {
        await using var app = await ServerApp.StartAsync(o => o.MaxBodyBytes = 2048);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", "text=hello", Form), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", Command + "&pad=" + new string('x', 3000), Form), Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Events_UrlVerification_EchoesChallenge()
    {
        await using var app = await ServerApp.StartAsync();
        using var response = await app.Client.SendAsync(ServerApp.SlackRequest("slack/events", """{"type":"url_verification","challenge":"abc123"}""", "application/json"), Ct);
        Assert.Equal("abc123", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Events_AppMentionAndItsRetry_StartOneSessionAndReplyInTheThread()
    {
        await using var app = await ServerApp.StartAsync();
        const string json = """{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U_ALLOWED","text":"<@UBOT> shop add tests","ts":"111.222","channel":"C9"}}""";
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/events", json, "application/json"), Ct)).StatusCode);
        var retry = ServerApp.SlackRequest("slack/events", json, "application/json");
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(retry, Ct)).StatusCode);

        var submission = Assert.Single(app.Gateway.Submissions);
        Assert.Equal("add tests", submission.Task.Goal);
        var posted = await app.SlackApi.WaitForAsync(1);
        Assert.Contains("\"thread_ts\":\"111.222\"", Assert.Single(posted).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_MentionFromStranger_IsAcknowledgedButStartsNothing()
    {
        await using var app = await ServerApp.StartAsync();
        const string json = """{"type":"event_callback","event_id":"Ev2","event":{"type":"app_mention","user":"U_STRANGER","text":"<@UBOT> delete everything","ts":"1.2","channel":"C9"}}""";
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/events", json, "application/json"), Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task Events_Malformed_Is400()
    {
        await using var app = await ServerApp.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/events", "{oops", "application/json"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Slack_NoSigningSecretConfigured_Is404()
    {
        await using var app = await ServerApp.StartAsync(o => o.SlackSigningSecret = null);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", Command, Form), Ct)).StatusCode);
    }
}
