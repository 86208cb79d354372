using System.Net;
using System.Text.Json;
using Honk.Hosting;
using Honk.Server.Tests.Steering;

namespace Honk.Server.Tests.Planning;

/// <summary>
/// <c>/honk plan shop …</c> on the real host, with signed Slack requests and the recording stand-in for Slack's Web
/// API: the app opens a thread, posts the planner's question there, a thread reply answers it, the draft is posted, and
/// the reply <c>start</c> runs it as a session whose result comes to the same thread. Someone else's reply is ignored.
/// </summary>
public sealed class SlackPlanTests : IDisposable
{
    /// <summary>The ts the Slack stand-in gives every posted message: the thread the plan runs in.</summary>
    private const string Thread = "1700000000.000100";
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-plan-slack-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SlashPlan_ConversesInTheThread_AndStartStartsTheSession()
    {
        var planner = PlanningKit.WritePlannerScript(_data);
        var session = PlanningKit.WriteSessionScript(_data);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => session, configureServer: o => o.PlanningModel = "script:" + planner);

        var body = $"team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text=plan+shop+{Uri.EscapeDataString(PlanningKit.Request)}&trigger_id=9.1";
        using var ack = await app.Client.SendAsync(RealHostApp.SignedSlashCommand(body), Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Contains("Planning", JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        var question = (JsonElement)await PostedAsync(app, "❓");
        Assert.Equal(Thread, question.GetProperty("thread_ts").GetString());
        Assert.Contains(PlanningKit.Question, question.GetProperty("text").GetString(), StringComparison.Ordinal);
        var opened = Posts(app).First();
        Assert.Equal("C0CHAN", opened.GetProperty("channel").GetString());
        Assert.Contains(PlanningKit.Request, opened.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Someone else's reply in the thread answers nothing; the requester's does.
        await ReplyAsync(app, "Ev1", "U_STRANGER", "No, throw.");
        await ReplyAsync(app, "Ev2", "U_LEAD", PlanningKit.Answer);

        var draft = (JsonElement)await PostedAsync(app, "Here is the task file");
        Assert.Contains("a null cart costs 0", draft.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Host.ListAsync(cancellationToken: Ct));

        await ReplyAsync(app, "Ev3", "U_LEAD", "start");
        var started = (JsonElement)await PostedAsync(app, "Started session");
        var id = Assert.Single(await app.Host.ListAsync(cancellationToken: Ct)).Id;
        Assert.Contains(id, started.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/review/{id}?t=", started.GetProperty("text").GetString(), StringComparison.Ordinal);

        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        Assert.Equal("slack:U_LEAD", record.Request.Requester);
        Assert.Contains("a null cart costs 0", record.Request.Task.Goal, StringComparison.Ordinal);
        var origin = Assert.IsType<SlackOrigin>(record.Request.Origin);
        Assert.Equal(("C0CHAN", Thread), (origin.Channel, origin.ThreadTs));

        // The result is answered in the plan's thread.
        var result = (JsonElement)await PostedAsync(app, "succeeded");
        Assert.Equal(Thread, result.GetProperty("thread_ts").GetString());
        Assert.DoesNotContain(Posts(app), p => p.GetProperty("text").GetString()!.Contains("No, throw.", StringComparison.Ordinal));
    }

    private static async Task ReplyAsync(RealHostApp app, string eventId, string user, string text)
    {
        var json = JsonSerializer.Serialize(new
        {
            type = "event_callback",
            event_id = eventId,
            @event = new { type = "message", user, text, ts = "1700000100." + eventId, thread_ts = Thread, channel = "C0CHAN" },
        });
        using var response = await app.Client.SendAsync(SteeringKit.SignedSlackEvent(json), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<JsonElement> Posts(RealHostApp app)
        => app.SlackApi.Requests.Where(r => r.Path.EndsWith("chat.postMessage", StringComparison.Ordinal)).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone());

    private static Task<object> PostedAsync(RealHostApp app, string containing)
        => PlanningKit.EventuallyAsync<object>(
            () => Task.FromResult<object?>(Posts(app).Where(p => p.GetProperty("text").GetString()!.Contains(containing, StringComparison.Ordinal)).Select(p => (object?)p).FirstOrDefault()),
            $"a Slack post containing '{containing}'");

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
