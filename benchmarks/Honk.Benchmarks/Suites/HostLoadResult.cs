using System.Globalization;
using Honk.Hosting;

namespace Honk.Benchmarks.Suites;

/// <summary>The figures of one round of a host-load run, printed as a Markdown table row for docs/benchmarks.md.</summary>
internal sealed record HostLoadResult(
    int Round,
    int Sessions,
    TimeSpan Submit,
    TimeSpan Total,
    IReadOnlyList<SessionRecord> Records,
    MemoryReading Baseline,
    MemoryReading Peak,
    int Samples,
    MemoryReading AtEnd,
    MemoryReading Idle,
    MemoryReading Settled)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void PrintHeader(MemoryReading processStart)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"Process before the server started (after a full GC): working set {Mb(processStart.WorkingSetBytes)} MB, GC heap {Mb(processStart.HeapBytes)} MB."));
        Console.WriteLine();
        Console.WriteLine("| round | all POSTs → 202 | wall time | sessions/min | latency p50 / p95 / max (submit → final) | run p50 / p95 (claimed → final) | events | working set: before → **peak** → end → +5 s → after GC | GC heap: before → **peak** → end → +5 s → after GC | samples |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    }

    public static void PrintFooter(MemoryReading afterStop, IReadOnlyList<string> problems, int sessions)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"After the server stopped (full GC): working set {Mb(afterStop.WorkingSetBytes)} MB, GC heap {Mb(afterStop.HeapBytes)} MB. GC collections gen0 / gen1 / gen2 over the process: {GC.CollectionCount(0)} / {GC.CollectionCount(1)} / {GC.CollectionCount(2)}."));
        Console.WriteLine(problems.Count == 0
            ? string.Create(Inv, $"Store consistent: yes. All {sessions} sessions (warm-up included) final and succeeded in the store and through GET /api/sessions, 1 attempt each, events 1..N without gaps ending with their only session_completed, LastSequence = N, one succeeded delivery:push per session whose commit is its branch's tip in the remote, one commit over main per branch, no stray branches.")
            : string.Create(Inv, $"Store consistent: **NO, {problems.Count} problems**:"));
        foreach (var problem in problems.Take(30))
        {
            Console.WriteLine("  - " + problem);
        }
    }

    public void PrintRow()
    {
        var latency = Records.Select(r => (r.CompletedAt!.Value - r.CreatedAt).TotalSeconds).Order().ToList();
        var run = Records.Select(r => (r.CompletedAt!.Value - r.StartedAt!.Value).TotalMilliseconds).Order().ToList();
        var events = Records.Sum(r => r.LastSequence);
        Console.WriteLine(string.Create(Inv,
            $"| {Round} | {Submit.TotalMilliseconds:0} ms | {Total.TotalSeconds:0.0} s | {Sessions / Total.TotalMinutes:0} | {Percentile(latency, 50):0.0} / {Percentile(latency, 95):0.0} / {latency[^1]:0.0} s | {Percentile(run, 50):0} / {Percentile(run, 95):0} ms | {events} "
            + $"| {Mb(Baseline.WorkingSetBytes)} → **{Mb(Peak.WorkingSetBytes)}** → {Mb(AtEnd.WorkingSetBytes)} → {Mb(Idle.WorkingSetBytes)} → {Mb(Settled.WorkingSetBytes)} MB "
            + $"| {Mb(Baseline.HeapBytes)} → **{Mb(Peak.HeapBytes)}** → {Mb(AtEnd.HeapBytes)} → {Mb(Idle.HeapBytes)} → {Mb(Settled.HeapBytes)} MB | {Samples} |"));
    }

    private static double Percentile(List<double> sorted, int percent)
        => sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", Inv);
}
