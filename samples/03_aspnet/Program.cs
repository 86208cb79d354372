// A web app that runs Honk sessions and streams them to the browser as server-sent events. It is composed exactly like
// `honk run` (AddHonkDefaults) and, with no configuration, works offline: it creates a repository whose test fails and
// lets a scripted model fix it. Set Honk:Model (e.g. anthropic:claude-sonnet-4-5, with AddAnthropicModels()) for a
// real model. Try: curl -N http://127.0.0.1:5000/sessions/stream, or open http://127.0.0.1:5000/ in a browser.
using System.Net.ServerSentEvents;
using System.Text.Json;
using AspNetSample;
using Honk;
using Honk.Transcripts;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
var repository = SampleRepository.Create();
builder.Services.AddHonk(builder.Configuration, o => o.Model ??= "script:" + repository.ModelScript)
    .AddHonkDefaults();

var app = builder.Build();
app.Lifetime.ApplicationStopped.Register(repository.Dispose);

// A page that watches one session in the browser (EventSource), for people; programs read the stream directly.
app.MapGet("/", () => Results.Content(WatchPage.Html, "text/html; charset=utf-8"));

// One session per request: its workspace is acquired and released by RunStreamingAsync; the client going away
// cancels the session (the request's token).
app.MapGet("/sessions/stream", Results<NoContent, ServerSentEventsResult<string>> (HttpRequest request, HonkAgent agent, string? task, CancellationToken cancellationToken) =>
{
    // A browser's EventSource reconnects whenever a stream ends (after session_completed too), sending the last event
    // id it saw. A session is not resumed: 204 is the answer that makes EventSource stop, instead of starting the same
    // task again every few seconds.
    if (request.Headers.ContainsKey("Last-Event-ID"))
    {
        return TypedResults.NoContent();
    }

    var codingTask = new CodingTask(task ?? "`make test` fails: greet.sh must greet with a capital letter.");
    var run = new HonkRunOptions();
    run.Delivery.Add("branch");
    return TypedResults.ServerSentEvents(AsServerSentEvents(agent.RunStreamingAsync(codingTask, repository.Root, run, cancellationToken)));
});

app.Run();

// Each event as its transcript JSON (the `honk run --json` names), with its type as the SSE event name and
// "session id/sequence" as its id.
static async IAsyncEnumerable<SseItem<string>> AsServerSentEvents(IAsyncEnumerable<AgentEvent> events)
{
    await foreach (var e in events)
    {
        var json = TranscriptJson.Serialize(e);
        var root = JsonDocument.Parse(json).RootElement;
        var type = root.GetProperty("type").GetString() ?? "event";
        yield return new SseItem<string>(json, type) { EventId = $"{root.GetProperty("sessionId").GetString()}/{root.GetProperty("sequence").GetInt64()}" };
    }
}
