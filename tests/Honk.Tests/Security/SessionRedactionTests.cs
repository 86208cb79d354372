using System.Text.Json;
using Honk.Security.Tests;
using Honk.Testing;
using Honk.Tests.Loop;
using Honk.Tests.Transcripts;
using Honk.Transcripts;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Security;

/// <summary>The session's one redactor: every event before any sink, the result, and the context delivery channels get.</summary>
[Trait("Category", "Security")]
public sealed class SessionRedactionTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void RedactEvent_EveryEventType_RoundTripsWithOnlyTheSecretReplaced()
    {
        const string Secret = "secret-session-id-0042";
        var redactor = SecretRedactor.Create(new RedactionOptions { UseDefaultPatterns = false }, environment: NoEnvironment).WithLiterals([Secret]);

        foreach (var original in TranscriptEvents.OfEveryType(Secret))
        {
            var redacted = redactor.RedactEvent(original);

            Assert.IsType(original.GetType(), redacted);
            Assert.Equal(TranscriptJson.Serialize(original).Replace(Secret, "[REDACTED:literal]", StringComparison.Ordinal), TranscriptJson.Serialize(redacted));
        }
    }

    [Fact]
    public void RedactEvent_NothingSecret_ReturnsTheSameInstance()
    {
        var redactor = SecretRedactor.Create(environment: NoEnvironment);

        Assert.All(TranscriptEvents.OfEveryType(), e => Assert.Same(e, redactor.RedactEvent(e)));
    }

    [Fact]
    public async Task Session_PlantedSecrets_EveryReaderSinkTranscriptAndDeliverySeesThemRedacted()
    {
        var secrets = PlantedSecrets.Create();
        await using var workspace = new FolderWorkspace();
        foreach (var (path, content) in secrets.RepositoryFiles)
        {
            workspace.Write(path, content);
        }

        workspace.Rebase();
        using var transcripts = new TemporaryDirectory("honk-redaction");
        var sink = new CollectingSink();
        var delivery = new RecordingDeliveryChannel();
        var options = Options(workspace, ReadTool(), EditTool());
        options.Redactor = SecretRedactor.Create(options.Redaction, workspace.RootPath, secrets.HostEnvironment);
        options.EventSinks.Add(sink);
        options.DeliveryChannels.Add(delivery);
        options.Transcript = new TranscriptOptions { Directory = transcripts.Path, IncludeTextDeltas = true };
        var session = new AgentSession(Script(secrets.ModelScript()), new CodingTask("Fix the greeting's typo"), options);

        var events = await CollectAsync(session, Ct);

        Assert.Equal(SessionStatus.Succeeded, session.Result!.Status);
        var leaks = new List<string>();
        leaks.AddRange(secrets.FindLeaks("stream", string.Join('\n', events.Select(TranscriptJson.Serialize))));
        leaks.AddRange(secrets.FindLeaks("sink", string.Join('\n', sink.Events.Select(TranscriptJson.Serialize))));
        leaks.AddRange(secrets.FindLeaks("streamed text", string.Concat(events.OfType<AssistantTextDelta>().Select(d => d.Text))));
        leaks.AddRange(secrets.FindLeaks("transcript", File.ReadAllText(Assert.Single(Directory.GetFiles(transcripts.Path)))));
        leaks.AddRange(secrets.FindLeaks("result", JsonSerializer.Serialize(session.Result, TranscriptJson.Options)));
        var context = Assert.Single(delivery.Deliveries);
        leaks.AddRange(secrets.FindLeaks("delivery redactor", context.Redact(string.Join('\n', secrets.All.Select(s => s.Value)))));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // The sinks see the very events the reader sees, and the read files really reached the model.
        Assert.Equal(events.Select(TranscriptJson.Serialize), sink.Events.Select(TranscriptJson.Serialize));
        Assert.Contains(events.OfType<ToolCallCompleted>(), r => r.Result.Contains("SESSION_SIGNING=[REDACTED:env_file]", StringComparison.Ordinal));
        Assert.Contains("[REDACTED:", session.Result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_HostRegistersItsOwnSecret_ThroughTheOptions()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace);
        options.Redaction.Literals.Add("host-api-key-value-77");
        var session = new AgentSession(Script("""{ "turns": [ { "text": "the key is host-api-key-value-77" } ] }"""), new CodingTask("say it"), options);

        var events = await CollectAsync(session, Ct);

        Assert.Equal("the key is [REDACTED:literal]", events.OfType<AssistantTurnCompleted>().Single().Text);
        Assert.DoesNotContain("host-api-key-value-77", session.Result!.Summary ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_RedactorNone_LeavesEventsAlone()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace);
        options.Redactor = SecretRedactor.None;
        const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var session = new AgentSession(Script($$"""{ "turns": [ { "text": "{{Token}}" } ] }"""), new CodingTask("say it"), options);

        var events = await CollectAsync(session, Ct);

        Assert.Equal(Token, events.OfType<AssistantTurnCompleted>().Single().Text);
    }

    private static Microsoft.Extensions.AI.AIFunction EditTool() => Microsoft.Extensions.AI.AIFunctionFactory.Create(
        (string path, string old_text, string new_text, Microsoft.Extensions.AI.AIFunctionArguments args) =>
        {
            var full = Path.Combine(args.GetToolContext().Workspace.RootPath, path);
            File.WriteAllText(full, File.ReadAllText(full).Replace(old_text, new_text, StringComparison.Ordinal));
            return $"edited {path}";
        },
        "edit_file",
        "Edits a file.");

    private sealed class CollectingSink : IAgentEventSink
    {
        private readonly List<AgentEvent> _events = [];

        public IReadOnlyList<AgentEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
        {
            lock (_events)
            {
                _events.Add(agentEvent);
            }

            return ValueTask.CompletedTask;
        }
    }
}
