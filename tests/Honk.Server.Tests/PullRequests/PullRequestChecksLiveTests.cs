using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Honk.Delivery.Slack;
using Honk.Delivery.Tests.GitHub;
using Honk.Delivery.Tests.Slack;
using Honk.Hosting;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// The pull request's checks shown live: on the review page (a server-sent event stream the page renders without a
/// reload) and in the Slack thread the task came from (one message per head's final state, once, even when a crash
/// left the message posted but not recorded).
/// </summary>
public sealed class PullRequestChecksLiveTests : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-pr-live-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChecksStreamToTheReviewPage_AndTheFinalStateIsPostedOnceInTheSlackThread()
    {
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var slack = new FakeSlack();
        await using var app = await StartAsync(github, slack);
        var thread = slack.AddUserMessage("C1", "<@UHONK> add a handling fee");
        var (root, head) = await DeliverFromSlackAsync(app, thread);
        var token = app.SessionToken(root.Id, HonkServer.OperatorLogin);

        // The page shows the pull request's section; its stream says what the watcher sees.
        var page = await app.Client.GetStringAsync($"review/{root.Id}?t={Uri.EscapeDataString(token)}", Ct);
        Assert.Contains("id=\"pr-check-list\"", page, StringComparison.Ordinal);
        using var stream = await app.Client.GetAsync($"review/{root.Id}/pr-checks?t={Uri.EscapeDataString(token)}", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        var events = ReadEvents(await stream.Content.ReadAsStreamAsync(Ct));

        github.AddCheckRun(head, "build", conclusion: "success");
        var test = github.AddCheckRun(head, "test", status: "in_progress", conclusion: null);
        app.Watch.Wake();
        var running = await NextAsync(events, e => e.GetProperty("checks").GetArrayLength() == 2);
        Assert.Equal("pending", running.GetProperty("state").GetString());
        var check = running.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "test");
        Assert.Equal(("in_progress", "running"), (check.GetProperty("state").GetString(), check.GetProperty("outcome").GetString()));
        Assert.StartsWith("https://github.test/octo/repo/actions/runs/1/job/", check.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(slack.WithKey("slack-pr-checks:" + head));

        // The run finishes; GitHub's webhook wakes the watcher; the page turns green without a reload.
        github.CompleteCheckRun(test, "success");
        using (var hook = await app.WebhookAsync("check_run", GitHubPayloads.CheckRun(head, "test", "success", root.Branch)))
        {
            Assert.Equal(HttpStatusCode.Accepted, hook.StatusCode);
        }

        var green = await NextAsync(events, e => e.GetProperty("state").GetString() == "green");
        Assert.Equal(head, green.GetProperty("head").GetString());

        // The Slack thread: one message for the head's final state, with each check and its link.
        var posted = await PullRequestHostApp.WaitForAsync("the checks message in Slack", () => Task.FromResult(slack.WithKey("slack-pr-checks:" + head).SingleOrDefault()));
        Assert.Equal(thread, posted["thread_ts"]!.GetValue<string>());
        Assert.Equal(root.Id, posted["metadata"]!["event_payload"]!["session_id"]!.GetValue<string>());
        Assert.Contains("Checks passed", posted["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("|test>", posted["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // More looks at the same head post nothing more.
        await LooksAsync(app, 2);
        Assert.Single(slack.WithKey("slack-pr-checks:" + head));
    }

    [Fact]
    public async Task PostedButNotRecorded_BeforeACrash_TheMessageIsFoundByItsMetadata_NotPostedAgain()
    {
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var slack = new FakeSlack();
        await using var app = await StartAsync(github, slack);
        var thread = slack.AddUserMessage("C1", "<@UHONK> add a handling fee");
        var (root, head) = await DeliverFromSlackAsync(app, thread);

        // What a crash between chat.postMessage and recording it leaves: the message in Slack, the effect only begun.
        var key = "slack-pr-checks:" + head;
        using (var http = new HttpClient())
        {
            await new SlackClient(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = FakeSlack.BotToken }).PostMessageAsync(
                new SlackMessage { Channel = "C1", ThreadTs = thread, Text = "✅ Checks passed (posted before the crash)", Metadata = SlackMessageMetadata.ForSession(root.Id, key) }, Ct);
        }

        Assert.True(await app.Host.Store.TryBeginEffectAsync(root.Id, key, Ct));
        github.AddCheckRun(head, "test", conclusion: "success");
        app.Watch.Wake();

        var recorded = await PullRequestHostApp.WaitForAsync("the message's effect", async () =>
            await app.Host.Store.GetEffectAsync(root.Id, key, Ct) is { State: EffectState.Succeeded } e ? e : null);
        Assert.Equal(JsonSerializer.Serialize(slack.WithKey(key).Single()["ts"]!.GetValue<string>()), recorded.OutcomeJson);
        Assert.Single(slack.WithKey(key));
        Assert.Contains(slack.Requests, r => r.Path == "/api/conversations.replies");
    }

    [Fact]
    public async Task ASecretInACheckAndItsCiLog_NeverReachesTheSlackThread_OrThePullRequest()
    {
        const string Leaked = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var slack = new FakeSlack();
        await using var app = await StartAsync(github, slack, "--Honk:PullRequests:MaxFixRounds=0");
        var thread = slack.AddUserMessage("C1", "<@UHONK> add a handling fee");
        var (root, head) = await DeliverFromSlackAsync(app, thread);

        // The CI printed a token in its log, and a check's name carries it too.
        github.AddCheckRun(head, "deploy with " + Leaked, conclusion: "failure", log: "  Failed Shop.Tests.CartTests.Total [1 ms]\n  Error Message:\n   push refused for " + Leaked + "\n");
        app.Watch.Wake();

        var posted = await PullRequestHostApp.WaitForAsync("the failed-checks message in Slack", () => Task.FromResult(slack.WithKey("slack-pr-checks:" + head).SingleOrDefault()));
        Assert.Contains("Checks failed", posted["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("deploy with", posted["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await PullRequestHostApp.WaitForAsync("the comment saying Honk stopped", () => Task.FromResult(github.Comments(1).FirstOrDefault(c => c.Contains("stopped after 0 fix round", StringComparison.Ordinal))));
        Assert.DoesNotContain(slack.Requests, r => r.Body.Contains(Leaked, StringComparison.Ordinal));
        Assert.DoesNotContain(github.Comments(1), c => c.Contains(Leaked, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _repo.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<PullRequestHostApp> StartAsync(FakeGitHub github, FakeSlack slack, params string[] extra)
    {
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "edit_file", arguments = new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = "items.Sum(i => i.Price)", ["new_text"] = "items.Sum(i => i.Price) - 1" } } } },
                new { text = "Added the handling fee." },
            },
        }));
        return PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github, ["--Honk:SlackBotToken=" + FakeSlack.BotToken, "--Honk:SlackApiUrl=" + slack.ApiUrl, .. extra]);
    }

    /// <summary>A session asked for in a Slack thread, delivered as a pull request; returns it and the pull request's head.</summary>
    private async Task<(SessionRecord Root, string Head)> DeliverFromSlackAsync(PullRequestHostApp app, string thread)
    {
        var source = new SessionSource { Kind = "slack", Requester = "slack:U1", SlackChannel = "C1", SlackThreadTs = thread };
        var view = await app.Gateway.SubmitAsync(new SessionSubmission(_repo.Remote, new CodingTask("Add a handling fee to Cart.Total") { Requester = "slack:U1" }, source), Ct);
        var root = await app.CompletedAsync(view.Id);
        Assert.True(root.Status == HostedSessionStatus.Succeeded, $"{root.Id}: {root.Result?.Message}");
        return (root, _repo.Tip(root.Result!.Branch!)!);
    }

    private static async Task LooksAsync(PullRequestHostApp app, int count)
    {
        var target = app.Watch.Polls + count;
        for (var i = 0; i < count; i++)
        {
            app.Watch.Wake();
            await PullRequestHostApp.WaitForAsync("another look", () => Task.FromResult(app.Watch.Polls >= target - count + i + 1 ? "done" : null));
        }
    }

    /// <summary>Reads the <c>pr_checks</c> events' data as they arrive.</summary>
    private static ChannelReader<JsonElement> ReadEvents(Stream stream)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(stream);
            var name = "";
            try
            {
                while (await reader.ReadLineAsync(Ct) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        name = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "pr_checks")
                    {
                        await channel.Writer.WriteAsync(JsonDocument.Parse(line[6..]).RootElement.Clone(), Ct);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or HttpRequestException)
            {
                // The test ended and closed the stream.
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    private static async Task<JsonElement> NextAsync(ChannelReader<JsonElement> events, Func<JsonElement, bool> wanted)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(4));
        var seen = new List<string>();
        try
        {
            await foreach (var e in events.ReadAllAsync(limit.Token))
            {
                if (wanted(e))
                {
                    return e;
                }

                seen.Add(e.GetRawText());
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException("The stream did not show the expected checks. Seen:\n" + string.Join('\n', seen));
    }

}
