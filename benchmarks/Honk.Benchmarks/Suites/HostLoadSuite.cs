using System.Diagnostics;
using System.Globalization;
using Honk.Benchmarks.Harness;
using Honk.Hosting;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 7, item 6: N scripted sessions submitted at once through <c>POST /api/sessions</c> to a real Honk server
/// (Kestrel on loopback, SQLite, the real runner and composer, git push to a bare repository), at each configured
/// concurrency. Each concurrency runs in its own process so its memory figures start from a fresh host.
/// </summary>
internal static class HostLoadSuite
{
    private const int WarmupSessions = 2;
    private const int Rounds = 2;

    public static async Task<int> RunAsync(int sessions, string concurrencies)
    {
        var levels = concurrencies.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        if (levels.Count == 1)
        {
            return await RunOneAsync(sessions, levels[0]).ConfigureAwait(false);
        }

        var exitCode = 0;
        foreach (var level in levels)
        {
            exitCode = Math.Max(exitCode, await RunChildAsync(sessions, level).ConfigureAwait(false));
        }

        return exitCode;
    }

    private static async Task<int> RunOneAsync(int sessions, int concurrency)
    {
        var folder = Path.Combine(Machine.TempRoot, $"host-load-{concurrency}-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var start = HostLoadSampler.ReadSettled();
            var results = new List<HostLoadResult>();
            IReadOnlyList<string> problems;
            var warmup = new List<string>();
            var server = await HostLoadServer.StartAsync(folder, concurrency).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                // Warm-up: JIT, the mirror clone and the first SQLite connections are not what the load measures.
                for (var i = 0; i < WarmupSessions; i++)
                {
                    warmup.Add(await server.SubmitAsync(-1 - i).ConfigureAwait(false));
                }

                await WaitForFinalAsync(server.Store, warmup, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
                var baseline = HostLoadSampler.ReadSettled();

                // Two rounds in one process: if the second round's peak and settled figures match the first's, what
                // the first left behind is a plateau (caches, pools, JIT), not a leak that grows with every session.
                var all = new List<string>(warmup);
                for (var round = 1; round <= Rounds; round++)
                {
                    var measured = await RunRoundAsync(server, sessions, round).ConfigureAwait(false);
                    all.AddRange(measured.Ids);
                    results.Add(measured.Result with { Baseline = round == 1 ? baseline : results[^1].Settled });
                }

                problems = await HostLoadCheck.RunAsync(server, all).ConfigureAwait(false);
            }

            var afterStop = HostLoadSampler.ReadSettled();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### concurrency {concurrency}: {Rounds} rounds of {sessions} sessions submitted at once"));
            HostLoadResult.PrintHeader(start);
            foreach (var result in results)
            {
                result.PrintRow();
            }

            HostLoadResult.PrintFooter(afterStop, problems, warmup.Count + (Rounds * sessions));
            await Machine.PrintAsync("end").ConfigureAwait(false);
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"could not delete {folder}: {ex.Message}");
            }
        }
    }

    private static async Task<(List<string> Ids, HostLoadResult Result)> RunRoundAsync(HostLoadServer server, int sessions, int round)
    {
        List<string> ids;
        TimeSpan submit;
        TimeSpan total;
        var sampler = new HostLoadSampler();
        await using (sampler.ConfigureAwait(false))
        {
            var clock = Stopwatch.StartNew();
            ids = [.. await Task.WhenAll(Enumerable.Range(round * 1000, sessions).Select(server.SubmitAsync)).ConfigureAwait(false)];
            submit = clock.Elapsed;
            await WaitForFinalAsync(server.Store, ids, TimeSpan.FromMinutes(30)).ConfigureAwait(false);
            total = clock.Elapsed;
        }

        var atEnd = HostLoadSampler.Read();
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var idle = HostLoadSampler.Read();
        var settled = HostLoadSampler.ReadSettled();
        var records = await Task.WhenAll(ids.Select(id => server.Store.GetAsync(id))).ConfigureAwait(false);
        return (ids, new HostLoadResult(round, sessions, submit, total, [.. records.Select(r => r!)], default,
            new MemoryReading(sampler.PeakWorkingSet, sampler.PeakHeap), sampler.Samples, atEnd, idle, settled));
    }

    private static async Task WaitForFinalAsync(ISessionStore store, IReadOnlyList<string> ids, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // One indexed read per poll is enough: the list is newest first and holds every session of the run.
            var listed = await store.ListAsync(new SessionQuery { Limit = ids.Count + 100 }).ConfigureAwait(false);
            var final = listed.Where(r => r.Status.IsFinal()).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            if (ids.All(final.Contains))
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{ids.Count(id => !final.Contains(id))} of {ids.Count} sessions were not final after {limit}.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunChildAsync(int sessions, int concurrency)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HostLoadSuite).Assembly.Location);
        }

        foreach (var argument in new[] { "--suite", "host-load", sessions.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host-load child");
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }
}
