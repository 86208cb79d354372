using BenchmarkDotNet.Attributes;

namespace Honk.Benchmarks;

/// <summary>
/// One 100-turn session per operation: 99 turns that each call the no-op tool once, then a text answer. Per-turn
/// figures are the per-session ones divided by <see cref="Turns"/> (the "/turn" columns; time from the median, which
/// a machine shared with other work disturbs less than the mean).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 20)]
[MinIterationTime(250)]
[MedianColumn]
[Config(typeof(PerTurnConfig))]
public class LoopOverheadBenchmarks
{
    /// <summary>Model turns per session.</summary>
    public const int Turns = 100;

    private readonly CodingTask _task = new("Touch every file the model names; the benchmark's model names one per turn.") { Title = "benchmark" };
    private ZeroLatencyChatClient _model = null!;
    private NoOpTool _tool = null!;
    private AgentSessionOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new ZeroLatencyChatClient(Turns);
        _tool = new NoOpTool();

        // What a host would configure once and share: no workspace, no budget limits, default loop settings otherwise.
        _options = new AgentSessionOptions { Loop = new AgentLoopOptions { Budget = Budget.Unlimited } };
        _options.Tools.Add(_tool);

        // Twice each, so that a fake whose shared updates were mutated by the first run would show up here.
        for (var run = 0; run < 2; run++)
        {
            Check("hand loop", HandLoop().GetAwaiter().GetResult());
            Check("Honk", Honk().GetAwaiter().GetResult());
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written loop")]
    public Task<int> HandLoop()
    {
        _model.Reset();
        _tool.Reset();
        return HandWrittenLoop.RunAsync(_model, _tool, _task);
    }

    [Benchmark(Description = "Honk AgentSession")]
    public async Task<int> Honk()
    {
        _model.Reset();
        _tool.Reset();
        var session = new AgentSession(_model, _task, _options);
        var turns = 0;
        await foreach (var e in session.RunStreamingAsync().ConfigureAwait(false))
        {
            if (e is SessionCompleted { Result: { Status: SessionStatus.NoChanges } result })
            {
                turns = result.Turns;
            }
        }

        return turns;
    }

    private void Check(string loop, int turns)
    {
        if (turns != Turns || _model.Calls != Turns || _tool.Invocations != Turns - 1)
        {
            throw new InvalidOperationException(
                $"The {loop} ran {turns} turns, {_model.Calls} model calls and {_tool.Invocations} tool calls; expected {Turns}, {Turns} and {Turns - 1}.");
        }
    }
}
