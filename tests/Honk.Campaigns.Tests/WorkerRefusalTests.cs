using Honk.Campaigns.RabbitMq;
using Honk.Testing;
using RabbitMQ.Client;

namespace Honk.Campaigns.Tests;

/// <summary>
/// A worker never runs a job it cannot run correctly. The CI flake of the kill test: every test run (and every
/// deployment) shared the queue <c>honk.campaign.jobs</c>, so a worker of one run took another run's job, ran it with its
/// own settings and stored a wrong outcome — or, with its own store, acknowledged a job it could not find and lost it.
/// Real RabbitMQ and PostgreSQL, in-process workers; a queue of its own per test.
/// </summary>
public sealed class WorkerRefusalTests : IAsyncDisposable
{
    /// <summary>Long enough for a loaded machine; a wait that ends here is a hang, not a slow run.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(3);

    private readonly TemporaryDirectory _folder = new("honk-campaign-refusal");
    private readonly string _queue = $"honk.test.{Guid.NewGuid():N}";
    private readonly List<(Task Run, CancellationTokenSource Stop)> _workers = [];
    private string? _broker;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWorkerWithAnotherStore_ReturnsTheJob_AndAWorkerWithTheRightStoreRunsIt()
    {
        var (broker, postgres) = Services();
        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgres);
        await using var _ = dataSource;
        var id = await CreateCampaignAsync(store, _queue);

        // A worker of another deployment: same broker and queue, its own (empty) store, and a runner that must never run.
        var foreignStore = CampaignStore.Sqlite(Path.Combine(_folder.Path, "foreign.db"));
        await foreignStore.InitializeAsync(Ct);
        var foreignSessions = new OutcomeTable();
        var foreign = new RabbitMqCampaignWorker(Options(broker, maxRefusals: 1000), new CampaignJobProcessor(foreignStore, foreignSessions, "foreign"));
        var refused = new TaskCompletionSource<CampaignJobRefusal>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource<CampaignJobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreign.JobRefused += (_, refusal) => refused.TrySetResult(refusal);
        foreign.JobSettled += (_, outcome) => settled.TrySetResult(outcome);
        await StartAsync(foreign);

        await using (var dispatcher = await RabbitMqCampaignDispatcher.ConnectAsync(Options(broker, maxRefusals: 1000), cancellationToken: Ct))
        {
            Assert.Equal([0], await store.QueueNextAsync(id, 0, 1, Ct));
            await dispatcher.DispatchAsync(id, 0, Ct);
        }

        // The foreign worker is the only consumer, so it gets the job first. It must hand it back, not settle it.
        var first = await Task.WhenAny(refused.Task, settled.Task).WaitAsync(HangLimit, Ct);
        Assert.True(first == refused.Task, "the foreign worker settled (acknowledged) a job of a campaign it does not have: the job is lost");
        var refusal = await refused.Task;
        Assert.Equal(id, refusal.Campaign);
        Assert.False(refusal.DeadLettered);
        Assert.Contains("not in this worker's store", refusal.Reason, StringComparison.Ordinal);

        // The right worker (the controller's store) now shares the queue and runs the job once.
        var sessions = new OutcomeTable();
        await StartAsync(new RabbitMqCampaignWorker(Options(broker, maxRefusals: 1000), new CampaignJobProcessor(store, sessions, "right")));
        var repository = await WaitForFinalAsync(store, id, 0);
        Assert.Equal("succeeded", repository.Status);
        Assert.Equal("right", repository.Worker);
        Assert.Equal(1, repository.Attempts);
        Assert.Empty(foreignSessions.Started);
        Assert.Single(sessions.Started);
    }

    [Fact]
    public async Task AJobOfACampaignOnAnotherQueue_IsNeverRun_AndIsDeadLetteredOnceRefusedEnough()
    {
        var (broker, postgres) = Services();
        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgres);
        await using var _ = dataSource;
        var id = await CreateCampaignAsync(store, _queue + ".elsewhere");

        var sessions = new OutcomeTable();
        var worker = new RabbitMqCampaignWorker(Options(broker, maxRefusals: 2), new CampaignJobProcessor(store, sessions, "strict"));
        var refusals = new List<CampaignJobRefusal>();
        var deadLettered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.JobRefused += (_, refusal) =>
        {
            lock (refusals)
            {
                refusals.Add(refusal);
            }

            if (refusal.DeadLettered)
            {
                deadLettered.TrySetResult();
            }
        };
        await StartAsync(worker);

        await using (var dispatcher = await RabbitMqCampaignDispatcher.ConnectAsync(Options(broker, maxRefusals: 2), cancellationToken: Ct))
        {
            Assert.Equal([0], await store.QueueNextAsync(id, 0, 1, Ct));
            await dispatcher.DispatchAsync(id, 0, Ct);
        }

        await deadLettered.Task.WaitAsync(HangLimit, Ct);
        lock (refusals)
        {
            Assert.Equal([1, 2], refusals.Select(r => r.Refusals));
            Assert.All(refusals, r => Assert.Contains("queues its jobs on", r.Reason, StringComparison.Ordinal));
        }

        Assert.Empty(sessions.Started);
        Assert.Equal(CampaignStatus.Queued, (await store.GetRepositoryAsync(id, 0, Ct))!.Status);
        // The nack routes the job to the dead-letter queue; the broker may take a moment to count it there.
        var limit = DateTime.UtcNow + HangLimit;
        while (await CountAsync(broker, _queue + ".dead") == 0)
        {
            Assert.True(DateTime.UtcNow < limit, "the refused job never reached the dead-letter queue");
            await Task.Delay(100, Ct);
        }

        Assert.Equal(1u, await CountAsync(broker, _queue + ".dead"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (run, stop) in _workers)
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(HangLimit);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            stop.Dispose();
        }

        if (_broker is not null)
        {
            var connection = await new ConnectionFactory { Uri = new Uri(_broker) }.CreateConnectionAsync();
            await using (connection)
            {
                var channel = await connection.CreateChannelAsync();
                await using (channel)
                {
                    await channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
                    await channel.QueueDeleteAsync(_queue + ".dead", ifUnused: false, ifEmpty: false);
                }
            }
        }

        _folder.Dispose();
    }

    private (string Broker, string Postgres) Services()
    {
        var broker = Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(broker) || string.IsNullOrWhiteSpace(postgres))
        {
            Assert.Skip("Needs RabbitMQ and PostgreSQL: set HONK_TEST_RABBITMQ (amqp://guest:guest@127.0.0.1:5672/) and HONK_TEST_POSTGRES (.ci/run starts both and sets them).");
        }

        _broker = broker;
        return (broker!, postgres!);
    }

    private RabbitMqCampaignOptions Options(string broker, int maxRefusals) => new()
    {
        Broker = new Uri(broker),
        Queue = _queue,
        MaxRefusals = maxRefusals,
        RefusalPause = TimeSpan.FromMilliseconds(100),
    };

    private async Task<string> CreateCampaignAsync(CampaignStore store, string jobQueue)
    {
        await store.InitializeAsync(Ct);
        var file = CampaignFile.Parse("---\ntargets: [r0]\n---\nDo it.\n", null, _folder.Path);
        var id = $"c{Guid.NewGuid():N}"[..12];
        await store.CreateAsync(id, CampaignPlan.Spec(file, id) with { JobQueue = jobQueue }, CampaignPlan.Repositories(file), Ct);
        return id;
    }

    private async Task StartAsync(RabbitMqCampaignWorker worker)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Ready += (_, _) => ready.TrySetResult();
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => worker.RunAsync(stop.Token), Ct);
        _workers.Add((run, stop));
        await Task.WhenAny(ready.Task, run).WaitAsync(HangLimit, Ct);
        if (run.IsFaulted)
        {
            await run;
        }
    }

    private static async Task<CampaignRepositoryRecord> WaitForFinalAsync(CampaignStore store, string id, int position)
    {
        var limit = DateTime.UtcNow + HangLimit;
        while (true)
        {
            var repository = (await store.GetRepositoryAsync(id, position, Ct))!;
            if (CampaignStatus.IsFinal(repository.Status))
            {
                return repository;
            }

            Assert.True(DateTime.UtcNow < limit, $"the job was never run: the repository is still {repository.Status} after {HangLimit.TotalMinutes} minutes");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<uint> CountAsync(string broker, string queue)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync(Ct);
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            await using (channel)
            {
                return await channel.MessageCountAsync(queue, Ct);
            }
        }
    }
}
