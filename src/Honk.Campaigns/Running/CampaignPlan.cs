namespace Honk.Campaigns;

/// <summary>Which wave each repository belongs to: the canary first (wave 0), then the file's waves in order.</summary>
public static class CampaignPlan
{
    /// <summary>Assigns waves to <paramref name="count"/> repositories taken in order.</summary>
    /// <param name="count">How many repositories.</param>
    /// <param name="canary">How many run first, alone.</param>
    /// <param name="waves">The waves after the canary; what remains after the last forms one more wave.</param>
    /// <returns>The wave of each repository, by position.</returns>
    public static IReadOnlyList<int> AssignWaves(int count, int canary, IReadOnlyList<WaveSize> waves)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(canary, 1);
        ArgumentNullException.ThrowIfNull(waves);
        var assigned = new int[count];
        var next = Math.Min(canary, count);
        var wave = 1;
        foreach (var size in waves)
        {
            if (next >= count)
            {
                break;
            }

            var end = size.Count is { } n ? Math.Min(count, next + n) : count;
            for (var i = next; i < end; i++)
            {
                assigned[i] = wave;
            }

            next = end;
            wave++;
        }

        for (var i = next; i < count; i++)
        {
            assigned[i] = wave;
        }

        return assigned;
    }
}
