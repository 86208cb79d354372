using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Honk.Benchmarks;

/// <summary>Median time or mean allocation per operation divided by the turns of one session: the figures the goals are stated in.</summary>
public sealed class PerTurnColumn(bool allocation) : IColumn
{
    public string Id => allocation ? "AllocatedPerTurn" : "MedianPerTurn";

    public string ColumnName => allocation ? "Alloc/turn" : "Median/turn";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => allocation ? UnitType.Size : UnitType.Time;

    public string Legend => allocation
        ? $"Bytes allocated per session / {LoopOverheadBenchmarks.Turns} turns"
        : $"Median time per session / {LoopOverheadBenchmarks.Turns} turns";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (allocation)
        {
            return report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)LoopOverheadBenchmarks.Turns / 1024:0.00} KB")
                : "-";
        }

        return report?.ResultStatistics is { } statistics
            ? string.Create(CultureInfo.InvariantCulture, $"{statistics.Median / LoopOverheadBenchmarks.Turns / 1000:0.00} μs")
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
