using System.Collections.Concurrent;

namespace Honk.Campaigns.Tests;

/// <summary>
/// The job runner for the wave-logic tests: each repository ends with the status and cost the test names for it, and
/// every call is recorded in order, so tests see which repositories ran, when, and how often.
/// </summary>
internal sealed class OutcomeTable : ICampaignJobRunner
{
    private readonly Dictionary<string, (SessionStatus Status, decimal Cost)> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentQueue<string> _finished = new();
    private int _running;
    private int _mostRunning;

    public SessionStatus DefaultStatus { get; init; } = SessionStatus.Succeeded;

    public decimal DefaultCost { get; init; } = 0.01m;

    /// <summary>When set, every session waits for it (so a test can act while sessions run).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyList<string> Started => [.. _started];

    public IReadOnlyList<string> Finished => [.. _finished];

    public int MostRunningAtOnce => Volatile.Read(ref _mostRunning);

    public OutcomeTable Set(string repositoryName, SessionStatus status, decimal? cost = null)
    {
        _outcomes[repositoryName] = (status, cost ?? DefaultCost);
        return this;
    }

    public async Task<SessionResult> RunAsync(CampaignJob job, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(job.Repository);
        _started.Enqueue(name);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostRunning, running);
        try
        {
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            var (status, cost) = _outcomes.TryGetValue(name, out var o) ? o : (DefaultStatus, DefaultCost);
            return new SessionResult
            {
                SessionId = job.SessionId,
                Status = status,
                Message = $"{name}: {status.ToWireName()}",
                Branch = job.Branch,
                Turns = 2,
                Usage = new SessionUsage(100, 10, cost),
            };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _finished.Enqueue(name);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
