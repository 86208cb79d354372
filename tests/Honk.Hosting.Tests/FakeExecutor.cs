namespace Honk.Hosting.Tests;

/// <summary>Emits a turn and a completion through the session's sink, waiting in between; counts concurrency.</summary>
internal sealed class FakeExecutor(TimeSpan hold) : ISessionExecutor
{
    private int _current;
    private int _max;
    private int _runs;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Throw { get; init; }

    public Task? Gate { get; init; }

    public int MaxConcurrent => Volatile.Read(ref _max);

    public int Runs => Volatile.Read(ref _runs);

    public async Task<SessionResult> ExecuteAsync(SessionExecution execution, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _runs);
        var now = Interlocked.Increment(ref _current);
        int seen;
        while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        try
        {
            if (Throw)
            {
                throw new InvalidOperationException("boom");
            }

            await execution.Events.OnEventAsync(new TurnStarted(1) { Sequence = 1 }, cancellationToken);
            Started.TrySetResult();
            if (Gate is not null)
            {
                await Gate.WaitAsync(cancellationToken);
            }

            try
            {
                await Task.Delay(hold, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                var cancelled = new SessionResult { SessionId = execution.SessionId, Status = SessionStatus.Cancelled };
                await execution.Events.OnEventAsync(new SessionCompleted(cancelled) { Sequence = 2 }, CancellationToken.None);
                return cancelled;
            }

            var result = new SessionResult { SessionId = execution.SessionId, Status = SessionStatus.Succeeded };
            await execution.Events.OnEventAsync(new SessionCompleted(result) { Sequence = 2 }, cancellationToken);
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }
}
