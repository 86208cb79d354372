using System.Net;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Server.Tests.Steering;

/// <summary>
/// Steering from Slack on the real host: mentions of the app in a session's thread, as signed Events API deliveries,
/// become a message at the session's next turn and the plan's approval; a stranger's mention changes nothing.
/// </summary>
public sealed class SlackSteeringTests : IDisposable
{
    private const string Thread = "1700000000.000100";
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-steer-slack-").FullName;

    [Fact]
    public async Task MentionsInTheSessionsThread_SteerIt_AndStrangersAreIgnored()
    {
        var ct = TestContext.Current.CancellationToken;
        var script = SteeringKit.WritePlanScript(_data);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => script);
        var id = await app.Host.SubmitAsync(SteeringKit.PlannedSession(_repo.Remote, script, "slack:U_ASKER", new SlackOrigin("C0CHAN", Thread, "U_ASKER")), ct);
        await SteeringKit.WaitForEventAsync<PlanProposed>(app, id);

        // A stranger: neither the requester nor an approver. Slack still gets its 200, and nothing reaches the session.
        using (var stranger = await app.Client.SendAsync(SteeringKit.SignedSlackEvent(Mention("EvS0", "U_STRANGER", "approve plan")), ct))
        {
            Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        }

        using (var message = await app.Client.SendAsync(SteeringKit.SignedSlackEvent(Mention("EvS1", "U_ASKER", "keep Total's signature as it is")), ct))
        {
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        }

        // The approver (requesters may approve their own sessions only when RequesterMayApprove is on).
        using (var approve = await app.Client.SendAsync(SteeringKit.SignedSlackEvent(Mention("EvS2", "U_LEAD", "approve plan: go ahead")), ct))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        await SteeringKit.AssertDeliveredAtTurnTwoAsync(app, id, "slack:U_ASKER", "keep Total's signature as it is");
        var decided = Assert.Single((await app.Host.Store.ReadEventsAsync(id, 0, 1000, ct)).OfType<PlanDecided>());
        Assert.Equal(("slack:U_LEAD", true, "go ahead"), (decided.DecidedBy, decided.Approved, decided.Feedback));

        // None of the mentions started a session of its own.
        Assert.Single(await app.Host.ListAsync(cancellationToken: ct));
    }

    private static string Mention(string eventId, string user, string text) => JsonSerializer.Serialize(new
    {
        type = "event_callback",
        event_id = eventId,
        @event = new { type = "app_mention", user, text = "<@UBOT> " + text, ts = "1700000001." + eventId, thread_ts = Thread, channel = "C0CHAN" },
    });

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
