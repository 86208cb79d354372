using Honk.Testing;

namespace Honk.Tests.TestingPackage;

/// <summary>The one fake clock the test projects share: waits end at once and are recorded, on both of its clocks.</summary>
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
