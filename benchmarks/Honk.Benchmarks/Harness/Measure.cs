using System.Diagnostics;

namespace Honk.Benchmarks.Harness;

/// <summary>
/// The measured harness for what BenchmarkDotNet does not fit (processes, git, builds): operations run side by side,
/// interleaved repetition by repetition so that a burst of load on the shared machine hits both alike.
/// </summary>
internal static class Measure
{
    /// <summary>Runs each operation <paramref name="warmups"/> times unmeasured, then <paramref name="repetitions"/> rounds of all of them in turn.</summary>
    /// <param name="repetitions">Measured rounds.</param>
    /// <param name="warmups">Unmeasured rounds first.</param>
    /// <param name="operations">Name, an untimed preparation (may be null), and the timed operation.</param>
    /// <returns>One sample per operation, in the order given.</returns>
    public static async Task<IReadOnlyList<Sample>> SideBySideAsync(int repetitions, int warmups, params (string Name, Func<Task>? Prepare, Func<Task> Run)[] operations)
    {
        var times = operations.Select(_ => new List<TimeSpan>()).ToArray();
        for (var round = 0; round < warmups + repetitions; round++)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                if (operations[i].Prepare is { } prepare)
                {
                    await prepare().ConfigureAwait(false);
                }

                var clock = Stopwatch.StartNew();
                await operations[i].Run().ConfigureAwait(false);
                clock.Stop();
                if (round >= warmups)
                {
                    times[i].Add(clock.Elapsed);
                }
            }
        }

        return [.. operations.Select((o, i) => new Sample(o.Name, times[i]))];
    }
}
