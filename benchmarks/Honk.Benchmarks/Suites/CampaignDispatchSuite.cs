using System.Diagnostics;
using System.Globalization;
using Honk.Benchmarks.Harness;
using Honk.Campaigns;
using Honk.Campaigns.RabbitMq;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 14, item 5 (the part that fits a CI machine): Honk's own cost per campaign job outside the session — the
/// controller's waves, the store's guarded updates, the queue and the rollup — with sessions that end at once. Runs a
/// campaign of N repositories on the embedded default (in-process queue, SQLite) and, when HONK_TEST_RABBITMQ and
/// HONK_TEST_POSTGRES are set, on RabbitMQ + PostgreSQL with 1, 2 and 4 workers (in this process, each on its own
/// broker connection).
/// </summary>
internal static class CampaignDispatchSuite
{
    public static async Task RunAsync(int repositories)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"campaign of {repositories} repositories, sessions that end at once, concurrency 16, waves [canary 1, 50, all]"));
        await EmbeddedAsync(repositories).ConfigureAwait(false);
        var broker = Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(broker) || string.IsNullOrWhiteSpace(postgres))
        {
            Console.WriteLine("RabbitMQ/PostgreSQL not configured: set HONK_TEST_RABBITMQ and HONK_TEST_POSTGRES for the distributed rows");
            return;
        }

        foreach (var workers in new[] { 1, 2, 4 })
        {
            await DistributedAsync(repositories, workers, new Uri(broker), postgres).ConfigureAwait(false);
        }
    }

    private static async Task EmbeddedAsync(int repositories)
    {
        var folder = Path.Combine(Machine.TempRoot, $"campaign-{Guid.NewGuid():N}");
        var store = CampaignStore.Sqlite(Path.Combine(folder, "campaigns.db"));
        await store.InitializeAsync().ConfigureAwait(false);
        var id = await CreateAsync(store, repositories).ConfigureAwait(false);
        var processor = new CampaignJobProcessor(store, new InstantSessions(), "bench");
        var dispatcher = new InProcessCampaignDispatcher(processor, 16);
        await using (dispatcher.ConfigureAwait(false))
        {
            await MeasureAsync("embedded (SQLite, in-process queue)", store, id, repositories, new CampaignController(store, dispatcher, TimeSpan.FromMilliseconds(50))).ConfigureAwait(false);
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task DistributedAsync(int repositories, int workers, Uri broker, string postgres)
    {
        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgres);
        await using (dataSource.ConfigureAwait(false))
        {
            await store.InitializeAsync().ConfigureAwait(false);
            var id = await CreateAsync(store, repositories).ConfigureAwait(false);
            using var stop = new CancellationTokenSource();
            var options = new RabbitMqCampaignOptions { Broker = broker, Queue = "honk.bench.jobs", DeadLetterQueue = "honk.bench.jobs.dead", Prefetch = 8 };
            var running = Enumerable.Range(0, workers)
                .Select(i => new RabbitMqCampaignWorker(options, new CampaignJobProcessor(store, new InstantSessions(), $"bench-{i}")).RunAsync(stop.Token))
                .ToList();
            var dispatcher = await RabbitMqCampaignDispatcher.ConnectAsync(options).ConfigureAwait(false);
            await using (dispatcher.ConfigureAwait(false))
            {
                await MeasureAsync(string.Create(CultureInfo.InvariantCulture, $"RabbitMQ + PostgreSQL, {workers} worker(s)"), store, id, repositories, new CampaignController(store, dispatcher, TimeSpan.FromMilliseconds(50))).ConfigureAwait(false);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private static async Task<string> CreateAsync(CampaignStore store, int repositories)
    {
        var targets = string.Join(", ", Enumerable.Range(0, repositories).Select(i => $"r{i}"));
        var file = CampaignFile.Parse($"---\ntargets: [{targets}]\nwaves: [50, all]\nconcurrency: 16\n---\nBenchmark.\n", null, Machine.TempRoot);
        var id = $"bench-{Guid.NewGuid():N}"[..18];
        await store.CreateAsync(id, CampaignPlan.Spec(file, id), CampaignPlan.Repositories(file)).ConfigureAwait(false);
        return id;
    }

    private static async Task MeasureAsync(string name, CampaignStore store, string id, int repositories, CampaignController controller)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var ended = await controller.RunAsync(id).ConfigureAwait(false);
        clock.Stop();
        var report = CampaignReport.From(ended, await store.ListRepositoriesAsync(id).ConfigureAwait(false));
        var perJob = clock.Elapsed.TotalMilliseconds / repositories;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {ended.Status}, {report.Counts.GetValueOrDefault("succeeded")} succeeded in {clock.Elapsed.TotalSeconds:0.0} s = {repositories / clock.Elapsed.TotalMinutes:0} repositories/min, {perJob:0.0} ms of Honk per job (wall ÷ jobs), managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MB, working set {Environment.WorkingSet / 1024 / 1024} MB"));
    }

    /// <summary>Sessions that end at once, so only Honk's own work is timed.</summary>
    private sealed class InstantSessions : ICampaignJobRunner
    {
        public Task<SessionResult> RunAsync(CampaignJob job, CancellationToken cancellationToken = default)
            => Task.FromResult(new SessionResult { SessionId = job.SessionId, Status = SessionStatus.Succeeded, Turns = 1 });
    }
}
