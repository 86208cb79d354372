using Microsoft.Extensions.Time.Testing;

namespace Honk.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that moves by itself, but only when the code under test waits on it: whenever a
/// timer is pending, the clock steps to the earliest pending due time (firing what is due there), so every wait ends at
/// once and in the order it would end in real time. Every wait is recorded. A test asserts how long the code would have
/// waited (retries, back-off, lock timeouts) without waiting, so a busy machine cannot change the result.
/// </summary>
/// <remarks>
/// What the library's clock lacks is only the stepping: it fires timers when a test calls
/// <see cref="FakeTimeProvider.Advance(TimeSpan)"/>, which a test cannot do for a wait deep inside the code under test.
/// Everything else (the wall clock and the timestamp moving together, <c>Advance</c>, <c>SetUtcNow</c>) is the
/// library's. Steps run on the thread pool, one at a time, never on the stack of the code that started the timer.
/// Waits pending together (started before the next step, e.g. from a timer's callback) end in their due order; two
/// waits started on different threads at nearly the same moment may be stepped to one after the other, since the
/// clock cannot know that a second one is coming: assert <see cref="Delays"/>, not how such waits interleave.
/// With <c>fire: false</c> the clock never steps (the waits are still recorded), for tests that cancel a wait.
/// </remarks>
/// <example>
/// <code>
/// var clock = new SteppingTimeProvider();
/// await client.PostAsync(...);                                        // retried once after "Retry-After: 2"
/// Assert.Equal([TimeSpan.FromSeconds(2)], clock.Delays);
/// </code>
/// </example>
public sealed class SteppingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _dueTimes = new();
    private readonly bool _fire;
    private bool _stepping;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">What <see cref="FakeTimeProvider.GetUtcNow"/> answers before any wait. Default: <see cref="DateTimeOffset.UnixEpoch"/>.</param>
    /// <param name="fire">False: the clock never steps, so timers fire only when the test advances it (the waits are still recorded).</param>
    public SteppingTimeProvider(DateTimeOffset? start = null, bool fire = true)
        : base(start ?? DateTimeOffset.UnixEpoch)
    {
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

    /// <summary>How far the clock has moved since <see cref="FakeTimeProvider.Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return timer;
        }

        var due = GetUtcNow() + dueTime;
        lock (_gate)
        {
            _delays.Add(dueTime);
            if (!_fire)
            {
                return timer;
            }

            _dueTimes.Enqueue(due, due);
            if (_stepping)
            {
                return timer;
            }

            _stepping = true;
        }

        // Not on the caller's stack: the caller has not finished setting up what the callback completes.
        ThreadPool.QueueUserWorkItem(_ => StepThroughDueTimes());
        return timer;
    }

    /// <summary>
    /// Steps to each pending due time, earliest first, until none is left. One stepper at a time, so the clock only
    /// moves forward; a callback that starts a new timer (the next retry) has it stepped to in its turn.
    /// </summary>
    private void StepThroughDueTimes()
    {
        while (true)
        {
            DateTimeOffset next;
            lock (_gate)
            {
                if (!_dueTimes.TryDequeue(out next, out _))
                {
                    _stepping = false;
                    return;
                }
            }

            // A timer disposed or changed before its turn still moves the clock: the code asked for that wait.
            if (next > GetUtcNow())
            {
                SetUtcNow(next);
            }
        }
    }
}
