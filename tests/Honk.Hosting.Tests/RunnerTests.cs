using Honk.Testing;

namespace Honk.Hosting.Tests;

public sealed class RunnerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-runner");
    private readonly SqliteSessionStore _store;

    public RunnerTests()
    {
        _store = new SqliteSessionStore(Path.Combine(_directory.Path, "honk.db"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private HonkHost Host(int concurrency = 2, bool serialize = false, string hostId = "h1") => new(_store, new HonkHostOptions
    {
        HostId = hostId,
        MaxConcurrency = concurrency,
        SerializePerRepository = serialize,
        PollInterval = TimeSpan.FromMilliseconds(50),
        LeaseDuration = TimeSpan.FromSeconds(3),
    });

    private static SessionRequest Request(string repo = "/r/a") => new() { Repository = repo, Task = new CodingTask("Do it") };

    private async Task WaitFinalAsync(HonkHost host, IEnumerable<string> ids)
    {
        // A hang limit, not a speed check: generous, because the machine running the suite can be loaded forty times over.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var records = await Task.WhenAll(ids.Select(id => host.GetAsync(id, Ct)));
            if (records.All(r => r!.Status.IsFinal()))
            {
                return;
            }

            await Task.Delay(25, Ct);
        }

        Assert.Fail("Sessions did not finish within 2 minutes.");
    }

    [Fact]
    public async Task Runner_MaxConcurrencyTwo_RunsAtMostTwoAtOnce()
    {
        await _store.InitializeAsync(Ct);
        var host = Host(concurrency: 2);
        var executor = new FakeExecutor(TimeSpan.FromMilliseconds(150));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.SubmitAsync(Request("/r/" + i), Ct));
        }

        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);
        await WaitFinalAsync(host, ids);
        await runner.StopAsync(Ct);

        Assert.Equal(2, executor.MaxConcurrent);
        Assert.All(await Task.WhenAll(ids.Select(id => host.GetAsync(id, Ct))), r => Assert.Equal(HostedSessionStatus.Succeeded, r!.Status));
    }

    [Fact]
    public async Task Runner_SerializePerRepository_RunsOneSessionPerRepositoryAtATime()
    {
        await _store.InitializeAsync(Ct);
        var host = Host(concurrency: 3, serialize: true);
        var executor = new FakeExecutor(TimeSpan.FromMilliseconds(100));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await host.SubmitAsync(Request("/r/same"), Ct));
        }

        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);
        await WaitFinalAsync(host, ids);
        await runner.StopAsync(Ct);

        Assert.Equal(1, executor.MaxConcurrent);
        Assert.Equal(3, executor.Runs);
    }

    [Fact]
    public async Task CancelAsync_RunningSession_EndsCancelled()
    {
        await _store.InitializeAsync(Ct);
        var host = Host();
        var executor = new FakeExecutor(Timeout.InfiniteTimeSpan);
        var id = await host.SubmitAsync(Request(), Ct);
        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);
        await executor.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await host.CancelAsync(id, Ct);
        await WaitFinalAsync(host, [id]);
        await runner.StopAsync(Ct);

        var record = await host.GetAsync(id, Ct);
        Assert.Equal(HostedSessionStatus.Cancelled, record!.Status);
        Assert.IsType<SessionCompleted>((await _store.ReadEventsAsync(id, 0, 100, Ct))[^1]);
    }

    [Fact]
    public async Task CancelAsync_QueuedSession_NeverRuns()
    {
        await _store.InitializeAsync(Ct);
        var host = Host(concurrency: 1);
        var executor = new FakeExecutor(TimeSpan.Zero);
        var id = await host.SubmitAsync(Request(), Ct);
        await host.CancelAsync(id, Ct);
        var later = await host.SubmitAsync(Request(), Ct);
        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);

        // The queue is taken oldest first, one at a time: once the later session has run, the cancelled one was passed over.
        await WaitFinalAsync(host, [later]);
        await runner.StopAsync(Ct);

        Assert.Equal(HostedSessionStatus.Cancelled, (await host.GetAsync(id, Ct))!.Status);
        Assert.Equal(HostedSessionStatus.Succeeded, (await host.GetAsync(later, Ct))!.Status);
        Assert.Equal(1, executor.Runs);
    }

    [Fact]
    public async Task Runner_ExecutorThrows_SessionFailsWithACompletionEvent()
    {
        await _store.InitializeAsync(Ct);
        var host = Host();
        var id = await host.SubmitAsync(Request(), Ct);
        using var runner = new SessionRunnerService(host, new FakeExecutor(TimeSpan.Zero) { Throw = true });
        await runner.StartAsync(Ct);
        await WaitFinalAsync(host, [id]);
        await runner.StopAsync(Ct);

        var record = await host.GetAsync(id, Ct);
        Assert.Equal(HostedSessionStatus.Failed, record!.Status);
        Assert.Contains("boom", record.Result!.Message, StringComparison.Ordinal);
        Assert.IsType<SessionCompleted>((await _store.ReadEventsAsync(id, 0, 100, Ct))[^1]);
    }

    [Fact]
    public async Task Runner_StartAfterCrash_ReRunsTheSessionWithEventsAfterTheEarlierOnes()
    {
        await _store.InitializeAsync(Ct);
        var host = Host(hostId: "same");
        var id = await host.SubmitAsync(Request(), Ct);

        // The "crashed" attempt: claimed with a long lease, two events stored, never completed.
        await _store.ClaimNextAsync(new SessionClaim("same", TimeSpan.FromHours(1)), Ct);
        await _store.AppendEventAsync(new TurnStarted(1) { SessionId = id, Sequence = 1 }, Ct);
        await _store.AppendEventAsync(new TurnStarted(2) { SessionId = id, Sequence = 2 }, Ct);

        var executor = new FakeExecutor(TimeSpan.Zero);
        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);
        await WaitFinalAsync(host, [id]);
        await runner.StopAsync(Ct);

        var record = await host.GetAsync(id, Ct);
        Assert.Equal((HostedSessionStatus.Succeeded, 2), (record!.Status, record.Attempts));
        var events = await _store.ReadEventsAsync(id, 0, 100, Ct);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Sequence));
        Assert.Contains("Attempt 2", Assert.IsType<SessionNotice>(events[2]).Message, StringComparison.Ordinal);
        Assert.IsType<SessionCompleted>(events[^1]);
    }

    [Fact]
    public async Task Runner_GracefulStop_HandsTheSessionBackInsteadOfCancellingIt()
    {
        await _store.InitializeAsync(Ct);
        var host = Host();
        var id = await host.SubmitAsync(Request(), Ct);
        var slow = new FakeExecutor(Timeout.InfiniteTimeSpan);
        using (var runner = new SessionRunnerService(host, slow))
        {
            await runner.StartAsync(Ct);
            await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await runner.StopAsync(Ct);
        }

        var stopped = await host.GetAsync(id, Ct);
        Assert.Equal(HostedSessionStatus.Running, stopped!.Status);
        Assert.Empty((await _store.ReadEventsAsync(id, 0, 100, Ct)).OfType<SessionCompleted>());

        using var next = new SessionRunnerService(Host(hostId: "other"), new FakeExecutor(TimeSpan.Zero));
        await next.StartAsync(Ct);
        await WaitFinalAsync(host, [id]);
        await next.StopAsync(Ct);
        Assert.Equal(HostedSessionStatus.Succeeded, (await host.GetAsync(id, Ct))!.Status);
    }

    [Fact]
    public async Task WatchAsync_ReplaysStoredEventsThenStreamsLiveOnesUntilTheEnd()
    {
        await _store.InitializeAsync(Ct);
        var host = Host();
        var id = await host.SubmitAsync(Request(), Ct);
        var gate = new TaskCompletionSource();
        var executor = new FakeExecutor(TimeSpan.Zero) { Gate = gate.Task };
        using var runner = new SessionRunnerService(host, executor);
        await runner.StartAsync(Ct);

        var seen = new List<AgentEvent>();
        var watch = Task.Run(
            async () =>
            {
                await foreach (var e in host.WatchAsync(id, 0, Ct))
                {
                    seen.Add(e);
                    if (e is TurnStarted)
                    {
                        gate.TrySetResult();
                    }
                }
            },
            Ct);
        await watch.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await runner.StopAsync(Ct);

        Assert.IsType<TurnStarted>(seen[0]);
        Assert.IsType<SessionCompleted>(seen[^1]);
        var resumed = new List<AgentEvent>();
        await foreach (var e in host.WatchAsync(id, 1, Ct))
        {
            resumed.Add(e);
        }

        Assert.Equal(seen.Skip(1).Select(e => e.Sequence), resumed.Select(e => e.Sequence));
    }
}
