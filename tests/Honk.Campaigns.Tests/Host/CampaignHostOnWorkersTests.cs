using System.Net;
using Honk.Campaigns.RabbitMq;
using Honk.Server.Campaigns;
using RabbitMQ.Client;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests.Host;

/// <summary>
/// The host with a broker: its campaign controller queues the waves on RabbitMQ and workers (here in-process, on the
/// same queue and PostgreSQL store) run the jobs; the host runs no session itself. Needs HONK_TEST_RABBITMQ and
/// HONK_TEST_POSTGRES.
/// </summary>
public sealed class CampaignHostOnWorkersTests : IAsyncDisposable
{
    private readonly string _queue = $"honk.test.{Guid.NewGuid():N}";
    private readonly CancellationTokenSource _stopWorker = new();
    private Task? _worker;
    private string? _broker;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostWithABroker_QueuesTheWavesForWorkers_AndRunsNoSessionItself()
    {
        var broker = Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(broker) || string.IsNullOrWhiteSpace(postgres))
        {
            Assert.Skip("Needs RabbitMQ and PostgreSQL: set HONK_TEST_RABBITMQ (amqp://guest:guest@127.0.0.1:5672/) and HONK_TEST_POSTGRES (.ci/run starts both and sets them).");
        }

        _broker = broker;
        var options = new RabbitMqCampaignOptions { Broker = new Uri(broker!), Queue = _queue, Prefetch = 2 };
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies, Qualifies, Qualifies], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet, (services, configure) => services.AddHonkCampaignsOnRabbitMq(options, postgres!, configure));

        // A worker on the host's queue and store; its sessions are a table of outcomes (the kill test runs real ones).
        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgres!);
        await using var _ = dataSource;
        var sessions = new OutcomeTable();
        var worker = new RabbitMqCampaignWorker(options, new CampaignJobProcessor(store, sessions, "mq-worker"));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Ready += (_, _) => ready.TrySetResult();
        _worker = Task.Run(() => worker.RunAsync(_stopWorker.Token), Ct);
        await Task.WhenAny(ready.Task, _worker).WaitAsync(TimeSpan.FromMinutes(3), Ct);

        var (started, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: CampaignHostApp.CampaignFileText(4, "canary: 1\nwaves: [all]\ndelivery: branch")));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = json.GetProperty("campaign").GetString()!;

        var report = await app.WaitForAsync(id, CampaignStatus.Completed);
        Assert.Equal(["succeeded", "succeeded", "succeeded", "succeeded"], report.Repositories.Select(r => r.Status));
        Assert.All(await store.ListRepositoriesAsync(id, Ct), r => Assert.Equal("mq-worker", r.Worker));
        Assert.Equal(4, sessions.Started.Count);
        Assert.Equal(_queue, (await store.GetAsync(id, Ct))!.Spec.JobQueue);
        Assert.Empty(await app.Host.ListAsync(cancellationToken: Ct));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWorker.CancelAsync();
        if (_worker is not null)
        {
            try
            {
                await _worker.WaitAsync(TimeSpan.FromMinutes(3));
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stopWorker.Dispose();
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
    }
}
