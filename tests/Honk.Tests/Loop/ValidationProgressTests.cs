using Honk.Transcripts;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

/// <summary>A long check's progress reaches the session's stream while it runs, and stays out of the transcript.</summary>
public sealed class ValidationProgressTests
{
    private const string WriteThenStop = """
        { "turns": [
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v1" } } ] },
          { "text": "done" } ] }
        """;

    [Fact]
    public async Task StopGate_ValidatorReportsProgress_StreamShowsItBeforeTheResult_TranscriptSkipsIt()
    {
        using var transcripts = new Honk.Testing.TemporaryDirectory();
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.Validators.Add(new ReportingValidator());
        options.Loop.ValidationProgressInterval = TimeSpan.FromSeconds(7);
        options.Transcript = new TranscriptOptions { RootDirectory = transcripts.Path };

        var events = await CollectAsync(new AgentSession(Script(WriteThenStop), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
        var started = events.FindIndex(e => e is ValidationStarted);
        var progress = events.FindIndex(e => e is ValidationProgress);
        var completed = events.FindIndex(e => e is ValidationCompleted);
        Assert.True(started < progress && progress < completed, string.Join(", ", events.Select(e => e.GetType().Name)));
        var report = (ValidationProgress)events[progress];
        Assert.Equal(("unit", "make check", "ran 3 of 9", 1), (report.Validator, report.Command, report.LastOutputLine, report.Round));
        Assert.False(string.IsNullOrEmpty(report.SessionId));

        var recorded = await TranscriptReader.ReadAllAsync(ResultOf(events).Transcript!, TestContext.Current.CancellationToken);
        Assert.Contains(recorded, e => e is ValidationCompleted);
        Assert.DoesNotContain(recorded, e => e is ValidationProgress);
    }

    /// <summary>Reports one heartbeat (checking the interval the session asked for), then passes.</summary>
    private sealed class ReportingValidator : Validator
    {
        public override string Name => "unit";

        protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), context.ProgressInterval);
            Assert.NotNull(context.Progress);
            context.Progress.Report(new ValidationProgress(context.Round, Name, "make check", TimeSpan.FromSeconds(7), "ran 3 of 9"));
            return ValueTask.FromResult(ValidationResult.Success("9 tests passed"));
        }
    }
}
