using Xunit.Sdk;
using System.Diagnostics;
using Honk.Campaigns.RabbitMq;
using Honk.Testing;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests;

/// <summary>
/// A campaign on RabbitMQ and PostgreSQL with real <c>honk worker</c> processes, one of them killed with SIGKILL while
/// it runs a job. Needs HONK_TEST_RABBITMQ (an amqp:// URL) and HONK_TEST_POSTGRES (a connection string); .ci/run starts
/// both services and sets them.
/// </summary>
public sealed class DistributedCampaignTests : IDisposable
{
    /// <summary>The issue's size: 50 repositories across two worker processes.</summary>
    private const int RepositoryCount = 50;

    /// <summary>Jobs each worker runs at once, so the survivor finishes 50 real sessions within minutes.</summary>
    private const string Prefetch = "4";

    private readonly TemporaryDirectory _folder = new("honk-campaign-mq");

    /// <summary>A queue of this run's own: test runs (and classes) sharing the broker must not take each other's jobs.</summary>
    private readonly string _queue = $"honk.test.{Guid.NewGuid():N}";
    private readonly List<Process> _workers = [];
    private readonly Dictionary<string, System.Text.StringBuilder> _logs = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var worker in _workers.Where(w => !w.HasExited))
        {
            worker.Kill(entireProcessTree: true);
            worker.WaitForExit();
        }

        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        _folder.Dispose();
        DeleteQueues();
    }

    private void DeleteQueues()
    {
        if (Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ") is not { Length: > 0 } broker)
        {
            return;
        }

        using var connection = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync().GetAwaiter().GetResult();
        using var channel = connection.CreateChannelAsync().GetAwaiter().GetResult();
        channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
        channel.QueueDeleteAsync(_queue + ".dead", ifUnused: false, ifEmpty: false).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task WorkerKilledMidJob_EveryRepositoryEndsOnce_AndNothingIsPushedTwice()
    {
        var (broker, postgres) = Services();
        await using var fleet = await Fleet.CreateAsync(Enumerable.Repeat(Qualifies, RepositoryCount), Ct);
        foreach (var repository in fleet.Repositories)
        {
            InstallPushCounter(repository);
        }

        _folder.WriteFile("script.json", Fleet.Script);
        var branch = $"honk/mq-{Guid.NewGuid():N}"[..20];
        var targets = string.Join('\n', fleet.Repositories.Select(r => $"  - {r.Path}"));
        _folder.WriteFile("campaign.md", $"---\ntitle: Client v2 on the fleet\ndelivery: push\nbranch: {branch}\ncanary: 1\nwaves: [all]\nconcurrency: 8\ntargets:\n{targets}\n---\nEvery project uses version 2 of the client.\n");

        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgres);
        await using var _ = dataSource;
        await store.InitializeAsync(Ct);

        var first = StartWorker("first", broker, postgres);
        StartWorker("second", broker, postgres);
        var controller = Process.Start(CliProcess.StartInfo(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--json", "--broker", broker, "--queue", _queue, "--store", postgres, "--state", "state"))!;
        var stdout = controller.StandardOutput.ReadToEndAsync(Ct);
        var stderr = controller.StandardError.ReadToEndAsync(Ct);

        // Kill the first worker with SIGKILL while it runs a job; the second takes over its unacknowledged jobs.
        var victim = await WaitForRunningJobAsync(store, branch, "first", first);
        first.Kill(entireProcessTree: false);
        await first.WaitForExitAsync(Ct);

        try
        {
            await controller.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(15), Ct);
        }
        catch (TimeoutException)
        {
            // A hang is a finding: say where every repository stood and what each process printed.
            controller.Kill(entireProcessTree: true);
            var stuck = await store.ListRepositoriesAsync(victim.CampaignId, Ct);
            throw new XunitException(
                $"the campaign did not finish in 15 minutes; repositories: {string.Join(", ", stuck.Select(r => $"#{r.Position} {r.Status} attempts={r.Attempts} worker={r.Worker}"))}\n" +
                $"controller stdout: {await stdout}\ncontroller stderr: {await stderr}\nworkers:\n{string.Join('\n', _logs.Keys.Select(k => $"[{k}] {Log(k)}"))}");
        }

        var run = new CliRun(controller.ExitCode, await stdout, await stderr);
        var json = run.Json();
        if (run.ExitCode != 0)
        {
            // A repository that did not succeed is a finding: which worker ran it, and what its checks said.
            var unfinished = (await store.ListRepositoriesAsync(json.GetProperty("campaign").GetString()!, Ct)).Where(r => r.Status != "succeeded");
            throw new XunitException(
                $"{run}\nnot succeeded: {string.Join("; ", unfinished.Select(r => $"#{r.Position} {r.Status} attempts={r.Attempts} worker={r.Worker} checks: {ValidationEvents(r.SessionId)}"))}\n" +
                $"workers:\n{string.Join('\n', _logs.Keys.Select(k => $"[{k}] {Log(k)}"))}");
        }

        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(RepositoryCount, json.GetProperty("counts").GetProperty("succeeded").GetInt32());

        var campaignId = json.GetProperty("campaign").GetString()!;
        var repositories = await store.ListRepositoriesAsync(campaignId, Ct);
        Assert.All(repositories, r => Assert.Equal("succeeded", r.Status));
        var killed = repositories.Single(r => r.Position == victim.Position);
        Assert.True(killed.Attempts >= 2, $"the killed job ran {killed.Attempts} time(s)");
        Assert.Equal("second", killed.Worker);
        Assert.All(repositories, r => Assert.Contains(r.Worker, new[] { "first", "second" }));

        // Exactly one push of the campaign branch reached each repository.
        foreach (var repository in fleet.Repositories)
        {
            var pushes = File.Exists(PushLog(repository)) ? File.ReadAllLines(PushLog(repository)).Count(l => l.EndsWith("refs/heads/" + branch, StringComparison.Ordinal)) : 0;
            Assert.True(pushes == 1, $"{repository.Path} received {pushes} pushes of {branch}");
        }
    }

    private static (string Broker, string Postgres) Services()
    {
        var broker = Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(broker) || string.IsNullOrWhiteSpace(postgres))
        {
            Assert.Skip("Needs RabbitMQ and PostgreSQL: set HONK_TEST_RABBITMQ (amqp://guest:guest@127.0.0.1:5672/) and HONK_TEST_POSTGRES (.ci/run starts both and sets them).");
        }

        return (broker!, postgres!);
    }

    /// <summary>The validation events of a session's transcript, wherever a worker of this test wrote it.</summary>
    private string ValidationEvents(string? sessionId)
    {
        var workers = Path.Combine(_folder.Path, "workers");
        if (sessionId is null || !Directory.Exists(workers))
        {
            return "(no session)";
        }

        var transcripts = Directory.EnumerateFiles(workers, sessionId + "*.jsonl", SearchOption.AllDirectories).ToList();
        return transcripts.Count == 0
            ? "(no transcript in this test's workers: another process took the job?)"
            : string.Join(" | ", transcripts.SelectMany(File.ReadLines).Where(l => l.Contains("\"validation", StringComparison.Ordinal)));
    }

    private Process StartWorker(string name, string broker, string postgres)
    {
        var home = Path.Combine(_folder.Path, "workers", name);
        Directory.CreateDirectory(home);
        var start = CliProcess.StartInfo(home, "worker", "--broker", broker, "--store", postgres, "--queue", _queue, "--name", name, "--prefetch", Prefetch, "--state", Path.Combine(home, "state"));
        var process = new Process { StartInfo = start };
        var log = _logs[name] = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add(process);
        return process;
    }

    private async Task<CampaignRepositoryRecord> WaitForRunningJobAsync(CampaignStore store, string branch, string worker, Process process)
    {
        while (true)
        {
            Ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The worker '{worker}' exited ({process.ExitCode}) before it ran a job:\n{Log(worker)}");
            }

            foreach (var campaign in (await store.ListAsync(20, Ct)).Where(c => c.Spec.Branch == branch))
            {
                var running = (await store.ListRepositoriesAsync(campaign.Id, Ct)).FirstOrDefault(r => r.Status == CampaignStatus.RepositoryRunning && r.Worker == worker);
                if (running is not null)
                {
                    return running;
                }
            }

            await Task.Delay(100, Ct);
        }
    }

    private static void Append(System.Text.StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private string Log(string worker)
    {
        var log = _logs[worker];
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>A post-receive hook that logs every ref update the repository receives, outside the repository.</summary>
    private static void InstallPushCounter(TemporaryGitRepository repository)
    {
        var hook = Path.Combine(repository.Path, ".git", "hooks", "post-receive");
        File.WriteAllText(hook, $"#!/bin/sh\nwhile read old new ref; do echo \"$new $ref\" >> '{PushLog(repository)}'; done\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The push counter is a shell hook with a Unix file mode.");
        }
        else
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string PushLog(TemporaryGitRepository repository) => repository.Path + ".pushes.log";
}
