namespace Honk.Testing;

/// <summary>
/// A clock that moves only when the code under test waits on it: every timer fires at once (on the thread pool) and
/// moves the clock forward by its due time, and every wait is recorded. A test asserts how long the code would have
/// waited (retries, back-off, lock timeouts) without waiting, so a busy machine cannot change the result.
/// </summary>
/// <remarks>
/// Both the wall clock (<see cref="GetUtcNow"/>) and the timestamp (<see cref="TimeProvider.GetElapsedTime(long)"/>)
/// move, so code that measures a deadline either way sees the same time. Periodic timers fire once. With
/// <c>fire: false</c> no timer ever fires (the waits are still recorded), for tests that cancel a wait.
/// </remarks>
/// <example>
/// <code>
/// var clock = new SteppingTimeProvider();
/// await client.PostAsync(...);                                        // retried once after "Retry-After: 2"
/// Assert.Equal([TimeSpan.FromSeconds(2)], clock.Delays);
/// </code>
/// </example>
public sealed class SteppingTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private readonly DateTimeOffset _start;
    private readonly bool _fire;
    private long _ticks;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">What <see cref="GetUtcNow"/> answers before any wait. Default: <see cref="DateTimeOffset.UnixEpoch"/>.</param>
    /// <param name="fire">False: timers never fire and the clock never moves (the waits are still recorded).</param>
    public SteppingTimeProvider(DateTimeOffset? start = null, bool fire = true)
    {
        _start = start ?? DateTimeOffset.UnixEpoch;
        _fire = fire;
    }

    /// <summary>The due times of the timers the code started, in order (infinite ones are not waits and are left out).</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    /// <summary>How many timers the code started.</summary>
    public int Waits
    {
        get
        {
            lock (_gate)
            {
                return _delays.Count;
            }
        }
    }

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

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _delays.Add(dueTime);
                if (_fire)
                {
                    _ticks += dueTime.Ticks;
                }
            }

            if (_fire)
            {
                // Not on the caller's stack: the caller has not finished setting up what the callback completes.
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
