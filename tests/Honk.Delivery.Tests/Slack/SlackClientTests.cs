using System.Text.Json.Nodes;
using Honk.Delivery.Slack;
using Honk.Delivery.Tests.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.Slack;

public sealed class SlackClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostMessageAsync_SendsBearerTokenAndJsonBody_ReturnsTs()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var message = new SlackMessage
        {
            Channel = "C123",
            ThreadTs = "1699999999.000100",
            Text = "fallback",
            Blocks = [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*hi*" } }],
        };

        var posted = await Client(http, slack).PostMessageAsync(message, Ct);

        Assert.Equal("C123", posted.Channel);
        Assert.Equal("1700000000.000001", posted.Ts);
        var request = Assert.Single(slack.Requests);
        Assert.Equal("Bearer " + FakeSlack.BotToken, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("C123", body["channel"]!.GetValue<string>());
        Assert.Equal("1699999999.000100", body["thread_ts"]!.GetValue<string>());
        Assert.Equal("fallback", body["text"]!.GetValue<string>());
        Assert.Equal("*hi*", body["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.False(body["unfurl_links"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("C404", FakeSlack.BotToken, "channel_not_found")]
    [InlineData("C123", "xoxb-wrong", "invalid_auth")]
    public async Task PostMessageAsync_OkFalse_ThrowsWithSlacksErrorCode(string channel, string token, string error)
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var client = new SlackClient(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = token });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(new SlackMessage { Channel = channel, Text = "x" }, Ct));

        Assert.Equal(error, ex.Error);
        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessageAsync_WithoutBotToken_RefusesBeforeSending()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var client = new SlackClient(http, new SlackClientOptions { BaseUrl = slack.ApiUrl });

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.PostMessageAsync(new SlackMessage { Channel = "C1", Text = "x" }, Ct));

        Assert.Empty(slack.Requests);
    }

    [Fact]
    public async Task PostMessageAsync_429WithRetryAfter_WaitsAndRetries()
    {
        await using var slack = new FakeSlack();
        slack.Fail(LoopbackResponse.Json(429, new { ok = false, error = "ratelimited" }, new Dictionary<string, string> { ["Retry-After"] = "2" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(DateTimeOffset.UnixEpoch);

        var posted = await Client(http, slack, time).PostMessageAsync(new SlackMessage { Channel = "C1", Text = "x" }, Ct);

        Assert.NotNull(posted.Ts);
        Assert.Equal([TimeSpan.FromSeconds(2)], time.Delays);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_429LongerThanAllowed_FailsWithoutWaiting()
    {
        await using var slack = new FakeSlack();
        slack.Fail(LoopbackResponse.Json(429, new { ok = false, error = "ratelimited" }, new Dictionary<string, string> { ["Retry-After"] = "600" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(DateTimeOffset.UnixEpoch);

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client(http, slack, time).PostMessageAsync(new SlackMessage { Channel = "C1", Text = "x" }, Ct));

        Assert.Equal("ratelimited", ex.Error);
        Assert.Equal(TimeSpan.FromMinutes(10), ex.RetryAfter);
        Assert.Empty(time.Delays);
        Assert.Single(slack.Requests);
    }

    [Fact]
    public async Task PostMessageAsync_CancelledDuringRetryWait_StopsWaiting()
    {
        await using var slack = new FakeSlack();
        slack.Fail(LoopbackResponse.Json(429, new { ok = false, error = "ratelimited" }, new Dictionary<string, string> { ["Retry-After"] = "30" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(DateTimeOffset.UnixEpoch, fire: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = Client(http, slack, time).PostMessageAsync(new SlackMessage { Channel = "C1", Text = "x" }, cts.Token);
        while (time.Delays.Count == 0)
        {
            await Task.Delay(5, Ct);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(slack.Requests);
    }

    [Fact]
    public async Task PostToWebhookAsync_PostsPayloadWithoutTokenOrChannel()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();

        await Client(http, slack).PostToWebhookAsync(slack.WebhookUrl, new SlackMessage { Channel = "C1", ThreadTs = "1.2", Text = "hello" }, Ct);

        var request = Assert.Single(slack.Requests);
        Assert.Equal(FakeSlack.WebhookPath, request.Path);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Json["channel"]);
        Assert.Equal("hello", request.Json["text"]!.GetValue<string>());
        Assert.Equal("1.2", request.Json["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostToWebhookAsync_ErrorAnswer_ThrowsWithTheCodeButNotTheSecretUrl()
    {
        await using var slack = new FakeSlack();
        slack.Fail(LoopbackResponse.Text(404, "no_service"));
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client(http, slack).PostToWebhookAsync(slack.WebhookUrl, new SlackMessage { Text = "x" }, Ct));

        Assert.Equal("no_service", ex.Error);
        Assert.Equal(404, ex.StatusCode);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostToWebhookAsync_429_WaitsAndRetries()
    {
        await using var slack = new FakeSlack();
        slack.Fail(LoopbackResponse.Text(429, "rate_limited", new Dictionary<string, string> { ["Retry-After"] = "1" }));
        using var http = new HttpClient();
        var time = new SteppingTimeProvider(DateTimeOffset.UnixEpoch);

        await Client(http, slack, time).PostToWebhookAsync(slack.WebhookUrl, new SlackMessage { Text = "x" }, Ct);

        Assert.Equal([TimeSpan.FromSeconds(1)], time.Delays);
        Assert.Equal(2, slack.Requests.Count);
    }

    private static SlackClient Client(HttpClient http, FakeSlack slack, TimeProvider? time = null)
        => new(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = FakeSlack.BotToken }, time);
}
