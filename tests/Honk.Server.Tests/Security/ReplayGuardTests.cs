using Microsoft.Extensions.Time.Testing;

namespace Honk.Server.Tests;

public sealed class ReplayGuardTests
{
    [Fact]
    public async Task TryRecordAsync_SameKeyTwice_SecondIsRefused()
    {
        var guard = new InMemoryReplayGuard(new FakeTimeProvider());
        Assert.True(await guard.TryRecordAsync("github:1", TimeSpan.FromHours(1), TestContext.Current.CancellationToken));
        Assert.False(await guard.TryRecordAsync("github:1", TimeSpan.FromHours(1), TestContext.Current.CancellationToken));
        Assert.True(await guard.TryRecordAsync("github:2", TimeSpan.FromHours(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryRecordAsync_AfterTimeToLive_IsAcceptedAgain()
    {
        var time = new FakeTimeProvider();
        var guard = new InMemoryReplayGuard(time);
        Assert.True(await guard.TryRecordAsync("k", TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(await guard.TryRecordAsync("k", TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await guard.TryRecordAsync("k", TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryRecordAsync_ConcurrentSameKey_ExactlyOneWins()
    {
        var guard = new InMemoryReplayGuard();
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await guard.TryRecordAsync("same", TimeSpan.FromHours(1)))));
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task TryRecordAsync_ManyExpiredKeys_AreSwept()
    {
        var time = new FakeTimeProvider();
        var guard = new InMemoryReplayGuard(time);
        for (var i = 0; i < 300; i++)
        {
            await guard.TryRecordAsync("old" + i, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 256; i++)
        {
            await guard.TryRecordAsync("new" + i, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        Assert.True(guard.Count < 400, $"expired ids were not swept: {guard.Count}");
    }
}
