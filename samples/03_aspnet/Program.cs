// A web app that runs Honk sessions and streams them to the browser as server-sent events. It is composed exactly like
// `honk run` (AddHonkDefaults) and, with no configuration, works offline: it creates a repository whose test fails and
// lets a scripted model fix it. Set Honk:Model (e.g. anthropic:claude-sonnet-4-5, with AddAnthropicModels()) for a
// real model. Try: curl -N http://127.0.0.1:5000/sessions/stream
using System.Net.ServerSentEvents;
using AspNetSample;
using Honk;
using Honk.Transcripts;

var builder = WebApplication.CreateBuilder(args);
var repository = SampleRepository.Create();
builder.Services.AddHonk(builder.Configuration, o => o.Model ??= "script:" + repository.ModelScript)
    .AddHonkDefaults();

var app = builder.Build();
app.Lifetime.ApplicationStopped.Register(repository.Dispose);

app.MapGet("/", () => $"GET /sessions/stream[?task=...] runs a session on {repository.Root} and streams it as server-sent events.");

// One session per request: its workspace is acquired and released by RunStreamingAsync; the client going away
// cancels the session (the request's token).
app.MapGet("/sessions/stream", (HonkAgent agent, string? task, CancellationToken cancellationToken) =>
{
    var codingTask = new CodingTask(task ?? "`make test` fails: greet.sh must greet with a capital letter.");
    var run = new HonkRunOptions();
    run.Delivery.Add("branch");
    return TypedResults.ServerSentEvents(AsServerSentEvents(agent.RunStreamingAsync(codingTask, repository.Root, run, cancellationToken)));
});

app.Run();

// Each event as its transcript JSON (the `honk run --json` names), with its type as the SSE event name.
static async IAsyncEnumerable<SseItem<string>> AsServerSentEvents(IAsyncEnumerable<AgentEvent> events)
{
    await foreach (var e in events)
    {
        var json = TranscriptJson.Serialize(e);
        var type = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("type").GetString() ?? "event";
        yield return new SseItem<string>(json, type);
    }
}
