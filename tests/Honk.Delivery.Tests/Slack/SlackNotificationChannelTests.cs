using System.Text.Json.Nodes;
using Honk.Delivery.Slack;
using Honk.Delivery.Tests.GitHub;
using Honk.Testing;

namespace Honk.Delivery.Tests.Slack;

public sealed class SlackNotificationChannelTests
{
    private const string Diff = """
        diff --git a/src/Cart.cs b/src/Cart.cs
        index 1111111..2222222 100644
        --- a/src/Cart.cs
        +++ b/src/Cart.cs
        @@ -1,3 +1,4 @@
         class Cart
        -{ int Total => items[0]; }
        +{
        +    int Total => items.Count == 0 ? 0 : items[0];
        +}
        diff --git a/README.md b/README.md
        --- a/README.md
        +++ b/README.md
        @@ -1 +1 @@
        --- old rule
        +++ new rule

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_ThreadRegistered_PostsBlockKitMessageInThatThread()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var threads = new SlackThreadRegistry();
        threads.Register("s-1", new SlackThread("C777", "1699999999.000100"));
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions { Channel = "CDEFAULT" }, threads);

        var result = await channel.DeliverAsync(Context(), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("slack", result.Channel);
        Assert.Contains("channel C777, thread 1699999999.000100", result.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://github.test/octo/repo/pull/7"), result.Url);
        Assert.Equal("honk/fix-cart", result.Branch);

        var body = Assert.Single(slack.Requests).Json;
        Assert.Equal("C777", body["channel"]!.GetValue<string>());
        Assert.Equal("1699999999.000100", body["thread_ts"]!.GetValue<string>());
        var blocks = body["blocks"]!.AsArray().Select(Text).ToList();
        Assert.Equal(":white_check_mark: *Done*: Fix &lt;Cart&gt; &amp; totals", blocks[0]);
        Assert.Equal("Guarded the empty cart &amp; checked &lt;null&gt;.", blocks[1]);
        Assert.Equal("2 files changed, +4 −2 · 5 turns · $0.04", blocks[2]);
        Assert.Equal("*Checks*\n:white_check_mark: dotnet: 42 tests passed\n:x: lint: x &lt; y", blocks[3]);
        Assert.Equal("<https://github.test/octo/repo/pull/7|Review the pull request>  ·  Branch `honk/fix-cart`", blocks[4]);
        var text = body["text"]!.GetValue<string>();
        Assert.StartsWith("✅ Honk: Done: Fix &lt;Cart&gt; &amp; totals. Guarded the empty cart", text, StringComparison.Ordinal);
        Assert.EndsWith("https://github.test/octo/repo/pull/7", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_DeliveredTwice_PostsOnce()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var ledger = new InMemoryDeliveryLedger();
        var options = new SlackNotificationOptions { Channel = "C1" };
        var context = Context();

        var first = await new SlackNotificationChannel(Client(http, slack), options, ledger: ledger).DeliverAsync(context, Ct);
        var second = await new SlackNotificationChannel(Client(http, slack), options, ledger: ledger).DeliverAsync(context, Ct);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.StartsWith("Already posted", second.Message, StringComparison.Ordinal);
        Assert.Single(slack.Requests);
        Assert.Equal("1700000000.000001", await ledger.FindAsync("s-1:delivery:slack:C1/", Ct));
    }

    [Fact]
    public async Task DeliverAsync_SlackRefuses_FailsWithTheErrorAndRecordsNothing()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var ledger = new InMemoryDeliveryLedger();
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions { Channel = "C404" }, ledger: ledger);

        var result = await channel.DeliverAsync(Context(), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("channel_not_found", result.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://github.test/octo/repo/pull/7"), result.Url);
        Assert.Equal(0, ledger.Count);
    }

    [Fact]
    public async Task DeliverAsync_NoChannelAnywhere_FailsWithoutPosting()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions(), new SlackThreadRegistry());

        var result = await channel.DeliverAsync(Context(), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("No Slack channel", result.Message, StringComparison.Ordinal);
        Assert.Empty(slack.Requests);
    }

    [Fact]
    public async Task DeliverAsync_WebhookConfigured_PostsThereWithoutToken()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var options = new SlackNotificationOptions { WebhookUrl = slack.WebhookUrl, SessionUrlTemplate = "https://honk.test/s/{sessionId}" };
        var context = Context(previous: []);
        var channel = new SlackNotificationChannel(Client(http, slack), options);

        var result = await channel.DeliverAsync(context, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("incoming webhook", result.Message, StringComparison.Ordinal);
        var request = Assert.Single(slack.Requests);
        Assert.Equal(FakeSlack.WebhookPath, request.Path);
        Assert.Null(request.Header("Authorization"));
        var blocks = request.Json["blocks"]!.AsArray().Select(Text).ToList();
        Assert.Equal("Branch `honk/from-result`  ·  <https://honk.test/s/s-1|Session details>", blocks[^1]);
    }

    [Fact]
    public async Task DeliverAsync_FailedSession_SaysSoWithItsEmoji()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var context = Context(status: SessionStatus.ValidationFailed);
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions { Channel = "C1" });

        await channel.DeliverAsync(context, Ct);

        var blocks = Assert.Single(slack.Requests).Json["blocks"]!.AsArray();
        Assert.StartsWith(":x: *Checks still failing*", Text(blocks[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_RealWorkspaceDiff_CountsAddedAndRemovedLines()
    {
        using var folder = new TemporaryDirectory("honk-slack");
        folder.WriteFile("a.txt", "one\ntwo\nthree\n");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        folder.WriteFile("a.txt", "one\n2\nthree\nfour\n");
        folder.WriteFile("b.txt", "new\n");
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var result = new SessionResult { SessionId = "s-2", Status = SessionStatus.Succeeded };
        var context = new DeliveryContext(new CodingTask("Count things"), workspace, result);
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions { Channel = "C1" });

        await channel.DeliverAsync(context, Ct);

        var blocks = Assert.Single(slack.Requests).Json["blocks"]!.AsArray();
        Assert.StartsWith("2 files changed, +3 −1", Text(blocks[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_Throws()
    {
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var channel = new SlackNotificationChannel(Client(http, slack), new SlackNotificationOptions { Channel = "C1" });
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await channel.DeliverAsync(Context(), cts.Token));
        Assert.Empty(slack.Requests);
    }

    private static string Text(JsonNode? block)
        => block!["type"]!.GetValue<string>() == "context"
            ? block["elements"]![0]!["text"]!.GetValue<string>()
            : block["text"]!["text"]!.GetValue<string>();

    private static SlackClient Client(HttpClient http, FakeSlack slack)
        => new(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = FakeSlack.BotToken }, new SteppingTimeProvider(DateTimeOffset.UnixEpoch));

    private static DeliveryContext Context(SessionStatus status = SessionStatus.Succeeded, IReadOnlyList<DeliveryResult>? previous = null)
    {
        var task = new CodingTask("Fix the cart total.") { Title = "Fix <Cart> & totals" };
        var result = new SessionResult
        {
            SessionId = "s-1",
            Status = status,
            Branch = "honk/from-result",
            Summary = "Guarded the empty cart & checked <null>.",
            Validators =
            [
                new ValidatorReport("dotnet", ValidationResult.Success("42 tests passed")),
                new ValidatorReport("lint", ValidationResult.Failure("x < y")),
            ],
            Turns = 5,
            Usage = new SessionUsage(1000, 100, 0.04m),
        };
        return new DeliveryContext(task, new TestWorkspace("honk/ws", Diff), result)
        {
            Previous = previous ??
            [
                new DeliveryResult { Channel = "push", Succeeded = true, Branch = "honk/fix-cart", Commit = "abc" },
                new DeliveryResult { Channel = "pr", Succeeded = true, Branch = "honk/fix-cart", Url = new Uri("https://github.test/octo/repo/pull/7") },
            ],
        };
    }
}
