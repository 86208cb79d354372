using System.Text.Json;
using Honk.Testing;
using Honk.Transcripts;

namespace Honk.Tests.Transcripts;

public sealed class TranscriptWriterTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task WriteAsync_EveryEventType_OneJsonLinePerEventWithTypeAndDeltasSkipped()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var events = TranscriptEvents.OfEveryType();
        var path = folder.Combine("t.jsonl");

        await using (var writer = TranscriptWriter.Open(path, redactor: SecretRedactor.None))
        {
            foreach (var agentEvent in events)
            {
                await writer.WriteAsync(agentEvent, Ct);
            }

            Assert.Equal(events.Count - 1, writer.EventsWritten);
        }

        var lines = ReadLines(path);
        Assert.Equal(events.Count - 1, lines.Length);
        var types = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal("session_started", types[0]);
        Assert.Equal("session_completed", types[^1]);
        Assert.DoesNotContain("assistant_text_delta", types);
    }

    [Fact]
    public async Task WriteAsync_IncludeTextDeltas_WritesThem()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");

        await using (var writer = TranscriptWriter.Open(path, new TranscriptOptions { IncludeTextDeltas = true }))
        {
            await writer.WriteAsync(new AssistantTextDelta(1, "hi"), Ct);
        }

        Assert.Contains("assistant_text_delta", Assert.Single(ReadLines(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_EachEvent_IsOnDiskBeforeTheNextIsWritten()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("nested/t.jsonl");
        await using var writer = TranscriptWriter.Open(path);

        await writer.WriteAsync(new TurnStarted(1), Ct);
        var afterFirst = ReadLines(path).Length;
        await writer.WriteAsync(new TurnStarted(2), Ct);
        var afterSecond = ReadLines(path).Length;

        Assert.Equal(1, afterFirst);
        Assert.Equal(2, afterSecond);
    }

    [Fact]
    public async Task WriteAsync_DotEnvValueInToolResult_IsRedactedAndLineStaysValid()
    {
        using var workspace = new TemporaryDirectory("honk-ws");
        using var output = new TemporaryDirectory("honk-transcript");
        workspace.WriteFile(".env", "DATABASE_URL=postgres://app:pa55w0rd-xyz@db/app\n");
        var redactor = SecretRedactor.Create(workspaceRoot: workspace.Path, environment: NoEnvironment);
        var path = output.Combine("t.jsonl");

        await using (var writer = TranscriptWriter.Open(path, redactor: redactor))
        {
            await writer.WriteAsync(new ToolCallStarted(1, new ToolCallRequest("c1", "write_file", """{"path":".env.copy","content":"postgres://app:pa55w0rd-xyz@db/app"}""")), Ct);
            await writer.WriteAsync(new ToolCallCompleted(1, "c1", "read_file", "1: DATABASE_URL=postgres://app:pa55w0rd-xyz@db/app\n2: token=ghp_0123456789abcdefghijABCDEFGHIJ012345", false, TimeSpan.Zero), Ct);
        }

        var text = await File.ReadAllTextAsync(path, Ct);
        Assert.DoesNotContain("pa55w0rd-xyz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_0123", text, StringComparison.Ordinal);
        var events = await TranscriptReader.ReadAllAsync(path, Ct);
        var call = Assert.IsType<ToolCallStarted>(events[0]);
        using var arguments = JsonDocument.Parse(call.Call.ArgumentsJson);
        Assert.Equal("[REDACTED:env_file]", arguments.RootElement.GetProperty("content").GetString());
        var result = Assert.IsType<ToolCallCompleted>(events[1]);
        Assert.Equal("1: DATABASE_URL=[REDACTED:env_file]\n2: token=[REDACTED:github_token]", result.Result);
    }

    [Fact]
    public async Task WriteAsync_RedactSecretsOff_WritesSecretsVerbatim()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");

        await using (var writer = TranscriptWriter.Open(path, new TranscriptOptions { RedactSecrets = false }))
        {
            await writer.WriteAsync(new SessionNotice("info", "sk-proj-AbCdEf0123456789abcdefXYZ"), Ct);
        }

        Assert.Contains("sk-proj-AbCdEf0123456789abcdefXYZ", Assert.Single(ReadLines(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenForSession_DefaultLayout_WritesUnderHonkTranscripts()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var options = new TranscriptOptions { RootDirectory = folder.Path };

        await using (var writer = TranscriptWriter.OpenForSession("sess/42", options))
        {
            Assert.Equal(folder.Combine(".honk/transcripts/sess_42.jsonl"), writer.Path);
            await writer.WriteAsync(new TurnStarted(1), Ct);
        }

        Assert.True(File.Exists(folder.Combine(".honk/transcripts/sess_42.jsonl")));
    }

    [Fact]
    public async Task Open_ExistingFile_AppendsRatherThanTruncates()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");
        for (var i = 1; i <= 2; i++)
        {
            await using var writer = TranscriptWriter.Open(path);
            await writer.WriteAsync(new TurnStarted(i), Ct);
        }

        Assert.Equal(2, ReadLines(path).Length);
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposed()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var writer = TranscriptWriter.Open(folder.Combine("t.jsonl"));
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(new TurnStarted(1), Ct).AsTask());
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_EveryLineWholeAndValid()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");

        await using (var writer = TranscriptWriter.Open(path))
        {
            await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => writer.WriteAsync(new SessionNotice("info", new string('x', i * 10)), Ct).AsTask(), Ct)));
        }

        var lines = ReadLines(path);
        Assert.Equal(200, lines.Length);
        Assert.All(lines, l => Assert.Equal("notice", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task RecordAsync_Stream_WritesAndPassesOnEveryEventAndHonoursCancellation()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = new List<AgentEvent>();

        await using (var writer = TranscriptWriter.Open(path))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var agentEvent in writer.RecordAsync(Endless(cts.Token), cts.Token))
                {
                    seen.Add(agentEvent);
                    if (seen.Count == 3)
                    {
                        await cts.CancelAsync();
                    }
                }
            });
        }

        Assert.Equal(3, seen.Count);
        Assert.Equal(3, ReadLines(path).Length);
    }

    private static async IAsyncEnumerable<AgentEvent> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new TurnStarted(i);
        }
    }
}
