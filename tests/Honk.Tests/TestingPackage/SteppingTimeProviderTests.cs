using Honk.Testing;

namespace Honk.Tests.TestingPackage;

/// <summary>The one stepping clock the test projects share (built on the library's FakeTimeProvider): waits end at once, in due order, and are recorded, on both of its clocks.</summary>
public sealed class SteppingTimeProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delays_EndAtOnce_MovingTheWallClockAndTheTimestampByTheirDueTime()
    {
        var start = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);
        var clock = new SteppingTimeProvider(start);
        var started = clock.GetTimestamp();

        var waiting = Task.Delay(TimeSpan.FromMinutes(10), clock, Ct);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), clock, Ct);

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(3)], clock.Delays);
        Assert.Equal(2, clock.Waits);
        Assert.Equal(TimeSpan.FromSeconds(603), clock.Elapsed);
        Assert.Equal(start.AddSeconds(603), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(603), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task WaitsStartedTogether_EndInTheirDueOrder_AndTheClockMovesToTheLastOneNotTheirSum()
    {
        var clock = new SteppingTimeProvider();
        var shortEndedAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var longEndedAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Both waits start inside a timer's callback, so both are pending before the clock's next step (as when code
        // starts a wait and its time-out together). The long one starts first: a clock that moved by every due time
        // as it was asked would end the short one at 1 + 10 + 5 s, after the long one; in real time it ends at 1 + 5 s.
        using var first = clock.CreateTimer(
            _ =>
            {
                _ = Task.Delay(TimeSpan.FromSeconds(10), clock, Ct).ContinueWith(_ => longEndedAt.SetResult(clock.Elapsed), Ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _ = Task.Delay(TimeSpan.FromSeconds(5), clock, Ct).ContinueWith(_ => shortEndedAt.SetResult(clock.Elapsed), Ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        Assert.Equal(TimeSpan.FromSeconds(6), await shortEndedAt.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(TimeSpan.FromSeconds(11), await longEndedAt.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(TimeSpan.FromSeconds(11), clock.Elapsed);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)], clock.Delays);
    }

    [Fact]
    public async Task WithoutFiring_TheTestMovesTheClockItself_AsWithTheLibrarysFake()
    {
        var clock = new SteppingTimeProvider(fire: false);

        var waiting = Task.Delay(TimeSpan.FromSeconds(5), clock, Ct);
        clock.Advance(TimeSpan.FromSeconds(5));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(TimeSpan.FromSeconds(5), clock.Elapsed);
    }

    [Fact]
    public async Task WithoutFiring_AWaitIsRecordedButNeverEnds()
    {
        var clock = new SteppingTimeProvider(fire: false);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = Task.Delay(TimeSpan.FromSeconds(5), clock, cancel.Token);
        await Task.Delay(50, Ct);

        Assert.False(waiting.IsCompleted);
        Assert.Equal([TimeSpan.FromSeconds(5)], clock.Delays);
        Assert.Equal(DateTimeOffset.UnixEpoch, clock.GetUtcNow());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
