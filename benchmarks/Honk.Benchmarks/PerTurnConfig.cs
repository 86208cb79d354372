using BenchmarkDotNet.Configs;

namespace Honk.Benchmarks;

/// <summary>Adds the per-turn columns to the default configuration.</summary>
public sealed class PerTurnConfig : ManualConfig
{
    public PerTurnConfig()
    {
        AddColumn(new PerTurnColumn(allocation: false), new PerTurnColumn(allocation: true));
    }
}
