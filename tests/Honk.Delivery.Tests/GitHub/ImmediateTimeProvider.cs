using System.Collections.Concurrent;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>
/// A clock for fast tests: every timer fires at once (moving the clock forward by its due time) and the requested
/// delays are recorded, so a test asserts how long the code *would* have waited. With <c>fire: false</c> no timer ever
/// fires, for cancellation tests.
/// </summary>
internal sealed class ImmediateTimeProvider(DateTimeOffset start, bool fire = true) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            if (fire)
            {
                lock (_gate)
                {
                    _now += dueTime;
                }

                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
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
