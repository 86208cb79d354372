using System.Diagnostics;
using System.Globalization;

namespace Honk.Benchmarks;

/// <summary>
/// The profiling mode (<c>--profile</c>): exact bytes per session for both loops, a rough time per turn, and the types
/// each loop allocates, sampled. BenchmarkDotNet's figures are the authoritative ones; this says where the bytes go.
/// </summary>
internal static class AllocationProfile
{
    private const int TopTypes = 30;

    public static async Task RunAsync(int sessions)
    {
        var benchmarks = new LoopOverheadBenchmarks();
        benchmarks.Setup();
        var turns = LoopOverheadBenchmarks.Turns;

        foreach (var (name, run) in new (string, Func<Task<int>>)[] { ("Hand-written loop", benchmarks.HandLoop), ("Honk AgentSession", benchmarks.Honk) })
        {
            for (var i = 0; i < Math.Min(sessions, 500); i++)
            {
                await run().ConfigureAwait(false);
            }

            // First pass unobserved, for exact bytes and a fair stopwatch; the sampler slows the runtime down.
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < sessions; i++)
            {
                await run().ConfigureAwait(false);
            }

            clock.Stop();
            var perSession = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)sessions;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {sessions} sessions, {perSession / 1024:0.0} KB/session, {perSession / turns:0} B/turn, ~{clock.Elapsed.TotalMicroseconds / sessions / turns:0.00} µs/turn (stopwatch)"));

            using var sampler = new AllocationSampler();
            sampler.Start();
            for (var i = 0; i < sessions; i++)
            {
                await run().ConfigureAwait(false);
            }

            sampler.Stop();

            // The runtime delivers the sampled events asynchronously; give the last ones time to arrive.
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            var sampled = sampler.TotalSampledBytes;
            if (sampled == 0)
            {
                Console.WriteLine("  (no allocation samples arrived)");
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sampled by type ({sampled / (100 * 1024)} samples; share of bytes, estimated bytes/turn):"));
            foreach (var (type, bytes) in sampler.BytesByType.OrderByDescending(p => p.Value).Take(TopTypes))
            {
                var share = bytes / (double)sampled;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share,6:P1} {share * perSession / turns,7:0} B  {type}"));
            }

            Console.WriteLine();
        }
    }
}
