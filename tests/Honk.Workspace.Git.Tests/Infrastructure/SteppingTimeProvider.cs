namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>
/// A clock that only moves when the code under test waits on it: every timer fires at once and moves the clock forward
/// by its due time. A test then asserts how long the code waited on its clock (and how many times) without any real
/// waiting, so a busy machine cannot change the result.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private long _ticks;
    private int _waits;

    /// <summary>How far the clock has moved.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_ticks);
            }
        }
    }

    /// <summary>How many timers the code started.</summary>
    public int Waits => Volatile.Read(ref _waits);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + Elapsed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _waits);
            lock (_gate)
            {
                _ticks += dueTime.Ticks;
            }

            // Not on the caller's stack: the caller has not finished setting up what the callback completes.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
