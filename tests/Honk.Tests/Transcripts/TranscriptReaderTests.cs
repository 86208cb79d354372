using Honk.Testing;
using Honk.Transcripts;

namespace Honk.Tests.Transcripts;

public sealed class TranscriptReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> WriteAsync(TemporaryDirectory folder, IEnumerable<AgentEvent> events)
    {
        var path = folder.Combine("t.jsonl");
        await using var writer = TranscriptWriter.Open(path, new TranscriptOptions { IncludeTextDeltas = true }, SecretRedactor.None);
        foreach (var agentEvent in events)
        {
            await writer.WriteAsync(agentEvent, Ct);
        }

        return path;
    }

    [Fact]
    public async Task ReadAllAsync_EveryEventType_ReadsBackEqualEvents()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var events = TranscriptEvents.OfEveryType();
        var path = await WriteAsync(folder, events);

        var read = await TranscriptReader.ReadAllAsync(path, Ct);

        Assert.Equal(events.Count, read.Count);
        Assert.Equal(events.Select(e => e.GetType()), read.Select(e => e.GetType()));
        Assert.Equal(events.Select(TranscriptEvents.Json), read.Select(TranscriptEvents.Json));
        var completed = Assert.IsType<SessionCompleted>(read[^1]);
        Assert.Equal(SessionStatus.Succeeded, completed.Result.Status);
        Assert.Equal(50, completed.Result.Usage.CachedInputTokens);
        var validation = read.OfType<ValidationCompleted>().Single();
        Assert.False(validation.Passed);
        Assert.Equal(ValidationOutcome.Skipped, validation.Reports[2].Result.Outcome);
        Assert.Equal("T.A", validation.Reports[0].Result.Findings.Single().TestName);
        Assert.False(read.OfType<VerdictReached>().First().Verdict.Approved);
        Assert.Equal(TimeSpan.FromSeconds(2), read.OfType<ModelCallRetrying>().Single().Delay);
    }

    [Fact]
    public async Task ReadAllAsync_TruncatedLastLine_IsIgnored()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = await WriteAsync(folder, [new TurnStarted(1) { Sequence = 1 }, new TurnStarted(2) { Sequence = 2 }]);
        await File.AppendAllTextAsync(path, """{"type":"tool_result","turn":2,"callId":"c""", Ct);

        var read = await TranscriptReader.ReadAllAsync(path, Ct);

        Assert.Equal([1L, 2L], read.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadAllAsync_BrokenLineInTheMiddle_ThrowsNamingTheLine()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");
        await File.WriteAllTextAsync(path, """{"type":"turn_started","turn":1}""" + "\n{broken\n" + """{"type":"turn_started","turn":2}""" + "\n", Ct);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TranscriptReader.ReadAllAsync(path, Ct));

        Assert.Contains($"{path}:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllAsync_UnknownEventTypeAndBlankLines_AreSkipped()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = folder.Combine("t.jsonl");
        await File.WriteAllTextAsync(path, """{"type":"turn_started","turn":1}""" + "\n\n" + """{"type":"from_the_future","x":1}""" + "\n" + """{"turn":3,"type":"turn_started"}""" + "\n", Ct);

        var read = await TranscriptReader.ReadAllAsync(path, Ct);

        Assert.Equal([1, 3], read.Cast<TurnStarted>().Select(t => t.Turn));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var folder = new TemporaryDirectory("honk-transcript");
        var path = await WriteAsync(folder, TranscriptEvents.OfEveryType());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TranscriptReader.ReadAllAsync(path, cts.Token));
    }
}
