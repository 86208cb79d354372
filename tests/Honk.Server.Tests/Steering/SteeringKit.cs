using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Honk.Hosting;

namespace Honk.Server.Tests.Steering;

/// <summary>What the steering tests share: a scripted session that waits on its plan, and waiting for its events.</summary>
internal static class SteeringKit
{
    /// <summary>
    /// A script that proposes a plan, edits after approval and finishes: the wait on the plan is what makes a message
    /// sent meanwhile reach turn 2 without any timing.
    /// </summary>
    public static string WritePlanScript(string folder)
    {
        var script = Path.Combine(folder, "plan.json");
        File.WriteAllText(script, """
            { "turns": [
              { "toolCalls": [ { "name": "submit_plan", "arguments": { "plan": "Guard Total against null items." } } ] },
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Cart.cs", "old_text": "items.Sum", "new_text": "(items ?? []).Sum" } } ] },
              { "text": "Guarded Total." } ] }
            """);
        return script;
    }

    /// <summary>A session on <paramref name="repository"/> that needs plan approval, asked for by <paramref name="requester"/>.</summary>
    public static SessionRequest PlannedSession(string repository, string script, string requester, SessionOrigin origin) => new()
    {
        Repository = repository,
        Task = new CodingTask("Total handles null items") { RequirePlanApproval = true, Requester = requester },
        Requester = requester,
        Model = "script:" + script,
        Origin = origin,
    };

    public static async Task<T> WaitForEventAsync<T>(RealHostApp app, string id)
        where T : AgentEvent
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var events = await app.Host.Store.ReadEventsAsync(id, 0, 1000, TestContext.Current.CancellationToken);
            if (events.OfType<T>().FirstOrDefault() is { } found)
            {
                return found;
            }

            if (events.OfType<SessionCompleted>().FirstOrDefault() is { } ended)
            {
                throw new InvalidOperationException($"Session {id} ended before a {typeof(T).Name}: {ended.Result.Status.ToWireName()}: {ended.Result.Message}");
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"No {typeof(T).Name} in session {id} after 3 minutes: {string.Join(", ", events.Select(e => e.GetType().Name))}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Checks that the message reached the model at turn 2, before its second answer.</summary>
    public static async Task AssertDeliveredAtTurnTwoAsync(RealHostApp app, string id, string sender, string text)
    {
        var events = (await app.Host.Store.ReadEventsAsync(id, 0, 1000, TestContext.Current.CancellationToken)).ToList();
        var delivered = Assert.Single(events.OfType<UserMessageDelivered>());
        Assert.Equal((sender, text, 2), (delivered.Sender, delivered.Text, delivered.Turn));
        Assert.True(events.IndexOf(delivered) < events.FindIndex(e => e is AssistantTurnCompleted { Turn: 2 }), "the message must reach the model before its second turn");
    }

    /// <summary>An Events API delivery signed the way Slack documents it: <c>v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
    public static HttpRequestMessage SignedSlackEvent(string json)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(RealHostApp.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{json}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }
}
