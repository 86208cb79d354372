using System.Net;
using Honk.Hosting;
using Honk.Server.Tests.Steering;

namespace Honk.Server.Tests.Planning;

/// <summary>
/// Steering a hosted session through the real stack: a plan that waits for approval, a message through the API that
/// reaches the session's next turn, refusals for senders who are neither the requester nor an approver.
/// </summary>
public sealed class HostSteeringTests : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-steer-host-").FullName;

    [Fact]
    public async Task PlanWaitsForApproval_AMessageReachesTheNextTurn_StrangersAreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var script = Path.Combine(_data, "plan.json");
        File.WriteAllText(script, """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Cart.cs", "old_text": "Sum", "new_text": "SumEarly" } }, { "name": "submit_plan", "arguments": { "plan": "Guard Total against null items." } } ] },
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Cart.cs", "old_text": "items.Sum", "new_text": "(items ?? []).Sum" } } ] },
              { "text": "Guarded Total." } ] }
            """);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => script);
        var id = await app.Host.SubmitAsync(new SessionRequest
        {
            Repository = _repo.Remote,
            Task = new CodingTask("Total handles null items") { RequirePlanApproval = true, Requester = "slack:U_ASKER" },
            Requester = "slack:U_ASKER",
            Model = "script:" + script,
            Origin = new ApiOrigin("api"),
        }, ct);

        var proposed = await SteeringKit.WaitForEventAsync<PlanProposed>(app, id);
        Assert.Equal("Guard Total against null items.", proposed.Plan);

        // Neither the requester nor an approver: refused on the review page; a sender in the body: refused on the API.
        using (var stranger = await app.Client.PostAsync(ServerApp.FormAction($"review/{id}/message", app.SessionToken(id, "slack:U_STRANGER")), Form(app.SessionToken(id, "slack:U_STRANGER"), "do something else"), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        }

        using (var spoofed = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{id}/messages", """{ "text": "x", "sender": "slack:U_ASKER" }"""), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        }

        using (var message = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{id}/messages", """{ "text": "Keep Total's signature as it is." }"""), ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, message.StatusCode);
        }

        using (var approve = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{id}/plan", """{ "approved": true }"""), ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        var events = await app.Host.Store.ReadEventsAsync(id, 0, 1000, ct);
        var early = events.OfType<ToolCallCompleted>().First(e => e.Name == "edit_file");
        Assert.True(early.IsError, "the edit before approval must be refused");
        var decided = Assert.Single(events.OfType<PlanDecided>());
        Assert.Equal(("api:lead", true), (decided.DecidedBy, decided.Approved));
        var delivered = Assert.Single(events.OfType<UserMessageDelivered>());
        Assert.Equal(("api:lead", "Keep Total's signature as it is.", 2), (delivered.Sender, delivered.Text, delivered.Turn));
        Assert.True(events.ToList().IndexOf(delivered) < events.ToList().FindIndex(e => e is AssistantTurnCompleted { Turn: 2 }));
        Assert.Contains("(items ?? []).Sum", _repo.Show(record.Result!.Commit!), StringComparison.Ordinal);

        // The session has ended: nothing more is accepted.
        using var late = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{id}/messages", """{ "text": "too late" }"""), ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    private static FormUrlEncodedContent Form(string token, string text) => new(new Dictionary<string, string> { ["t"] = token, ["text"] = text });

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
