using System.Globalization;

namespace Honk.Benchmarks.Harness;

/// <summary>Wall-clock times of N repetitions of one operation; the median is the figure reported.</summary>
internal sealed class Sample(string name, IReadOnlyList<TimeSpan> times)
{
    public string Name { get; } = name;

    public IReadOnlyList<TimeSpan> Times { get; } = times;

    public double MedianMs
    {
        get
        {
            var sorted = Times.Select(t => t.TotalMilliseconds).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double MinMs => Times.Min(t => t.TotalMilliseconds);

    public double MaxMs => Times.Max(t => t.TotalMilliseconds);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"median {MedianMs:0.0} ms (min {MinMs:0.0}, max {MaxMs:0.0}, n={Times.Count})");
}
