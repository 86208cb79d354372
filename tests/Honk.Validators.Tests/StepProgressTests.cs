using System.Collections.Concurrent;
using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

/// <summary>A check's command reports that it started and, while it runs, that it is alive with its last output line.</summary>
public sealed class StepProgressTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-step-progress");

    [Fact]
    public async Task ValidateAsync_LongCommand_ReportsItsStartAndHeartbeatsWithTheLastOutputLine()
    {
        var progress = new Collector();
        var runner = new SlowRunner(progress);
        var validator = new OneStepValidator();
        var context = new ValidationContext("session-1", new CodingTask("test"), new FolderWorkspace(_directory.Path))
        {
            CommandRunner = runner,
            Round = 2,
            Progress = progress,
            ProgressInterval = TimeSpan.FromMilliseconds(20),
        };

        var result = await validator.ValidateAsync(context, TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        var first = progress.Reports.First();
        Assert.Equal((2, "slow", "npm test", TimeSpan.Zero, (string?)null), (first.Round, first.Validator, first.Command, first.Elapsed, first.LastOutputLine));
        Assert.Contains(progress.Reports, p => p.Elapsed > TimeSpan.Zero && p.LastOutputLine == "tests 3 of 7");
    }

    [Fact]
    public async Task ValidateAsync_NobodyWatching_RunsTheCommandAsGiven()
    {
        var runner = new RecordingCommandRunner();

        var result = await new OneStepValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Null(Assert.Single(runner.Requests).OutputLineObserver);
    }

    public void Dispose() => _directory.Dispose();

    private sealed class Collector : IProgress<ValidationProgress>
    {
        private readonly TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<ValidationProgress> Reports { get; } = new();

        public Task Heartbeat => _heartbeat.Task;

        public void Report(ValidationProgress value)
        {
            Reports.Enqueue(value);
            if (value.Elapsed > TimeSpan.Zero && value.LastOutputLine is not null)
            {
                _heartbeat.TrySetResult();
            }
        }
    }

    /// <summary>Prints a line, then runs until a heartbeat has carried that line (or 30 s pass).</summary>
    private sealed class SlowRunner(Collector progress) : ICommandRunner
    {
        public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
        {
            request.OutputLineObserver?.Invoke("");
            request.OutputLineObserver?.Invoke("  tests 3 of 7  ");
            await progress.Heartbeat.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new CommandResult(0, "tests 3 of 7\n", TimeSpan.FromSeconds(1));
        }
    }

    private sealed class OneStepValidator : CommandValidator
    {
        public OneStepValidator()
            : base(new ValidatorOptions())
        {
        }

        public override string Name => "slow";

        protected override bool AppliesToCore(RepositoryFacts facts) => true;

        protected override ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
            => ValueTask.FromResult(ValidationPlan.Run([new ValidationStep("test", new CommandRequest("npm", ["test"]), new TapOutputParser())]));
    }
}
