using Honk.Delivery.Slack;

namespace Honk.Delivery.Tests.Slack;

/// <summary>
/// Slack messages found by their metadata before posting (<see cref="SlackClient.PostMessageOnceAsync"/>): the reality
/// check after a crash between posting and recording.
/// </summary>
public sealed class SlackMessageOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostMessageAsync_SendsTheMetadataAsSlacksEventTypeAndPayload()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();

        await Client(http, slack).PostMessageAsync(new SlackMessage { Channel = "C1", Text = "hi", Metadata = SlackMessageMetadata.ForSession("s-1", "slack-reply") }, Ct);

        var metadata = Assert.Single(slack.Requests).Json["metadata"]!;
        Assert.Equal("honk_message", metadata["event_type"]!.GetValue<string>());
        Assert.Equal("s-1", metadata["event_payload"]!["session_id"]!.GetValue<string>());
        Assert.Equal("slack-reply", metadata["event_payload"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessageOnceAsync_InAThreadThatHasTheMessage_FindsItAndPostsNothing()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var client = Client(http, slack);
        var thread = slack.AddUserMessage("C1", "@honk fix the greeting");
        var message = new SlackMessage { Channel = "C1", ThreadTs = thread, Text = "done", Metadata = SlackMessageMetadata.ForSession("s-1", "slack-reply") };
        var first = await client.PostMessageAsync(message, Ct);

        var again = await client.PostMessageOnceAsync(message, Ct);

        Assert.True(again.AlreadyPosted);
        Assert.Equal(first.Ts, again.Ts);
        Assert.Single(slack.WithKey("slack-reply"));
        var read = slack.Requests[^1];
        Assert.Equal("/api/conversations.replies", read.Path);
        Assert.Contains("include_all_metadata=true", read.Body, StringComparison.Ordinal);
        Assert.Contains("ts=" + thread, read.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessageOnceAsync_AnotherKeyOrSession_IsPosted()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var client = Client(http, slack);
        var thread = slack.AddUserMessage("C1", "@honk fix the greeting");
        await client.PostMessageAsync(new SlackMessage { Channel = "C1", ThreadTs = thread, Text = "a", Metadata = SlackMessageMetadata.ForSession("s-1", "slack-reply") }, Ct);

        var other = await client.PostMessageOnceAsync(new SlackMessage { Channel = "C1", ThreadTs = thread, Text = "b", Metadata = SlackMessageMetadata.ForSession("s-2", "slack-reply") }, Ct);

        Assert.False(other.AlreadyPosted);
        Assert.Equal(2, slack.WithKey("slack-reply").Count);
    }

    [Fact]
    public async Task PostMessageOnceAsync_TopLevel_ReadsTheChannelsHistoryAcrossPages()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var client = Client(http, slack);
        var announce = new SlackMessage { Channel = "C1", Text = "Working on it", Metadata = SlackMessageMetadata.ForSession("s-1", "slack-announce") };
        var first = await client.PostMessageAsync(announce, Ct);
        for (var i = 0; i < 450; i++)
        {
            slack.AddUserMessage("C1", "chatter " + i);
        }

        var again = await client.PostMessageOnceAsync(announce, Ct);

        Assert.Equal((true, first.Ts), (again.AlreadyPosted, again.Ts));
        var reads = slack.Requests.Where(r => r.Path == "/api/conversations.history").ToList();
        Assert.Equal(3, reads.Count);
        Assert.Contains("cursor=next_200", reads[1].Body, StringComparison.Ordinal);
        Assert.Single(slack.WithKey("slack-announce"));
    }

    [Fact]
    public async Task PostMessageOnceAsync_NotFoundInAnUnknownThread_SaysSlacksError()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var message = new SlackMessage { Channel = "C1", ThreadTs = "1.2", Text = "x", Metadata = SlackMessageMetadata.ForSession("s-1", "k") };

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client(http, slack).PostMessageOnceAsync(message, Ct));

        Assert.Equal("thread_not_found", ex.Error);
        Assert.Empty(slack.Messages);
    }

    [Fact]
    public async Task PostMessageOnceAsync_WithoutMetadata_IsRefused()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();

        await Assert.ThrowsAsync<ArgumentException>(() => Client(http, slack).PostMessageOnceAsync(new SlackMessage { Channel = "C1", Text = "x" }, Ct));
        Assert.Empty(slack.Requests);
    }

    private static SlackClient Client(HttpClient http, FakeSlack slack) => new(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = FakeSlack.BotToken });
}
