using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Honk.Benchmarks.Harness;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 14, item 5 with real sessions: a campaign of N small generated git repositories and a scripted model. The
/// repositories are node projects whose own <c>node --test</c> is the validator (flavour <c>node</c>), or plain
/// Makefile projects whose <c>make test</c> is a shell check of the edited file (flavour <c>make</c>: the same Honk
/// work per job — worktree, baseline, sandboxed checks, delivery — with a validator that costs milliseconds, so a
/// 1,000-repository run measures Honk rather than node's start-up), run by the real <c>honk</c> program — on the embedded
/// default (<c>honk campaign run</c>: in-process queue, SQLite) and, when HONK_TEST_RABBITMQ and HONK_TEST_POSTGRES are
/// set, on RabbitMQ + PostgreSQL with 1, 2 and 4 <c>honk worker</c> processes. Reports repositories per minute, the
/// session's own time and Honk's time per job outside it (from the store: each job's start and end, each session's
/// duration), and each worker process's peak memory.
/// </summary>
internal static class CampaignSessionsSuite
{
    private const string Script = """
        { "turns": [
          { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/client.js", "old_text": "version = 1", "new_text": "version = 2" } } ] },
          { "text": "Moved the client to version 2." } ] }
        """;

    public static async Task RunAsync(int repositories, string? workerCounts, string? flavour)
    {
        flavour ??= "node";
        if (flavour is not ("node" or "make"))
        {
            throw new ArgumentException($"unknown repository flavour '{flavour}': use node or make", nameof(flavour));
        }

        var cli = Environment.GetEnvironmentVariable("HONK_CLI_DLL")
            ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Honk.Cli/bin/Debug/net10.0/Honk.Cli.dll"));
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"Build src/Honk.Cli first (or set HONK_CLI_DLL): {cli} is missing.");
        }

        var root = Path.Combine(Machine.TempRoot, $"campaign-sessions-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(root);
        var clock = Stopwatch.StartNew();
        var targets = await CreateRepositoriesAsync(root, repositories, flavour).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{repositories} generated {flavour} repositories in {clock.Elapsed.TotalSeconds:0} s; concurrency 4, canary 1, waves [10, all], delivery branch"));
        await File.WriteAllTextAsync(Path.Combine(root, "script.json"), Script).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(root, "fleet.txt"), targets).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(root, "campaign.md"), "---\ntitle: Client v2\ntargets_file: fleet.txt\ncanary: 1\nwaves: [10, all]\ngate: 0.5\nconcurrency: 4\ndelivery: branch\n---\nMove the client to version 2.\n").ConfigureAwait(false);

        await MeasureAsync(cli, root, "embedded (honk campaign run: SQLite, in-process queue)", [], [], repositories, null).ConfigureAwait(false);

        var broker = Environment.GetEnvironmentVariable("HONK_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(broker) || string.IsNullOrWhiteSpace(postgres))
        {
            Console.WriteLine("RabbitMQ/PostgreSQL not configured: set HONK_TEST_RABBITMQ and HONK_TEST_POSTGRES for the distributed rows");
            return;
        }

        foreach (var workers in (workerCounts ?? "1,2,4").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)))
        {
            var workerArgs = new[] { "worker", "--broker", broker, "--store", postgres, "--prefetch", "2", "--model", "script:" + Path.Combine(root, "script.json") };
            await MeasureAsync(cli, root, string.Create(CultureInfo.InvariantCulture, $"RabbitMQ + PostgreSQL, {workers} honk worker process(es), prefetch 2"), ["--broker", broker, "--store", postgres], Enumerable.Repeat(workerArgs, workers).ToList(), repositories, postgres).ConfigureAwait(false);
        }
    }

    private static async Task<List<string>> CreateRepositoriesAsync(string root, int count, string flavour)
    {
        var targets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(root, "fleet", $"r{i:D4}");
            Directory.CreateDirectory(Path.Combine(path, "src"));
            Directory.CreateDirectory(Path.Combine(path, "test"));
            await File.WriteAllTextAsync(Path.Combine(path, "src", "client.js"), "export const version = 1;\n").ConfigureAwait(false);
            if (flavour == "make")
            {
                // `make -k` builds nothing; `make test` fails unless client.js still declares a version of 1 or more.
                await File.WriteAllTextAsync(Path.Combine(path, "Makefile"), ".PHONY: all test\nall:\n\t@true\ntest:\n\t@grep -Eq 'version = [1-9]' src/client.js && echo 'client version check passed'\n").ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(Path.Combine(path, "package.json"), "{ \"name\": \"m\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n").ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(path, "test", "client.test.js"), "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { version } from '../src/client.js';\ntest('a supported client', () => assert.ok(version >= 1));\n").ConfigureAwait(false);
            }

            await Proc.GitAsync(path, "init", "-q", "-b", "main").ConfigureAwait(false);
            await Proc.GitAsync(path, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "add", "-A").ConfigureAwait(false);
            await Proc.GitAsync(path, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "a node repository").ConfigureAwait(false);
            targets.Add(path);
        }

        return targets;
    }

    private static async Task MeasureAsync(string cli, string root, string name, string[] runArgs, IReadOnlyList<string[]> workers, int repositories, string? postgres)
    {
        var state = Path.Combine(root, $"state-{Guid.NewGuid():N}"[..14]);
        var processes = workers.Select((args, i) => Start(cli, root, [.. args, "--name", $"bench-worker-{i}", "--state", state])).ToList();
        var peaks = new long[processes.Count];
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                for (var i = 0; i < processes.Count; i++)
                {
                    peaks[i] = Math.Max(peaks[i], ResidentBytes(processes[i].Id));
                }

                try
                {
                    await Task.Delay(500, sampling.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var clock = Stopwatch.StartNew();
        var run = await Proc.RunAsync(root, "dotnet", [cli, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--json", "--state", state, .. runArgs]).ConfigureAwait(false);
        clock.Stop();
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        foreach (var process in processes)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
        }

        using var json = JsonDocument.Parse(run.StandardOutput);
        var id = json.RootElement.GetProperty("campaign").GetString()!;
        var counts = string.Join(", ", json.RootElement.GetProperty("counts").EnumerateObject().Select(c => $"{c.Name} {c.Value.GetInt32()}"));
        var jobs = await CampaignJobTimes.ReadAsync(id, postgres, Path.Combine(state, "campaigns.db")).ConfigureAwait(false);
        var slots = workers.Count == 0 ? 4 : Math.Min(4, workers.Count * 2);
        var jobMs = jobs.Average(j => j.JobMs);
        var sessionMs = jobs.Average(j => j.SessionMs);
        var idlePerJob = ((clock.Elapsed.TotalMilliseconds * slots) - jobs.Sum(j => j.JobMs)) / jobs.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: exit {run.ExitCode}, {counts}; {repositories} repositories in {clock.Elapsed.TotalSeconds:0.0} s = {repositories / clock.Elapsed.TotalMinutes:0.0} repositories/min; per job: session {sessionMs:0} ms, worker's job (start to stored outcome) {jobMs:0} ms, so Honk in the worker outside the session {jobMs - sessionMs:0} ms; slot idle between jobs (queueing, dispatch, controller) {idlePerJob:0} ms over {slots} slots"));
        if (processes.Count > 0)
        {
            Console.WriteLine("  worker peak resident memory: " + string.Join(", ", peaks.Select(p => $"{p / 1024 / 1024} MB")));
        }
    }

    private static Process Start(string cli, string root, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
