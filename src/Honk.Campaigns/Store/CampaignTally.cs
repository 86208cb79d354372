namespace Honk.Campaigns;

/// <summary>
/// How many of a campaign's repositories are in each state, per wave: what the controller needs before each step,
/// read with one grouped query instead of every repository's row (which made the controller's cost grow with the
/// square of the campaign's size).
/// </summary>
public sealed class CampaignTally
{
    private readonly Dictionary<(int Wave, string Status), int> _counts;

    /// <summary>Creates the tally from grouped counts.</summary>
    /// <param name="counts">Repositories per wave and state.</param>
    /// <param name="spentUsd">What the campaign's sessions have cost so far.</param>
    public CampaignTally(IReadOnlyDictionary<(int Wave, string Status), int> counts, decimal spentUsd)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _counts = new Dictionary<(int, string), int>(counts);
        SpentUsd = spentUsd;
    }

    /// <summary>What the campaign's sessions have cost so far.</summary>
    public decimal SpentUsd { get; }

    /// <summary>Repositories queued or running, in every wave.</summary>
    public int InFlight => _counts.Where(c => c.Key.Status is CampaignStatus.Queued or CampaignStatus.RepositoryRunning).Sum(c => c.Value);

    /// <summary>Repositories in final states, in every wave.</summary>
    public int Final => _counts.Where(c => CampaignStatus.IsFinal(c.Key.Status)).Sum(c => c.Value);

    /// <summary>Every repository.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>Repositories of <paramref name="wave"/> waiting to be queued.</summary>
    /// <param name="wave">The wave.</param>
    /// <returns>The count.</returns>
    public int Pending(int wave) => _counts.GetValueOrDefault((wave, CampaignStatus.Pending));

    /// <summary>Whether some repository after <paramref name="wave"/> is not final yet.</summary>
    /// <param name="wave">The wave.</param>
    /// <returns><see langword="true"/> when later waves have work.</returns>
    public bool LaterWorkAfter(int wave) => _counts.Any(c => c.Key.Wave > wave && !CampaignStatus.IsFinal(c.Key.Status) && c.Value > 0);

    /// <summary>How many of a wave's started repositories (skipped ones left out) there are, and how many succeeded.</summary>
    /// <param name="wave">The wave.</param>
    /// <returns>Started and succeeded counts.</returns>
    public (int Started, int Succeeded) Outcomes(int wave)
    {
        var inWave = _counts.Where(c => c.Key.Wave == wave && c.Key.Status != CampaignStatus.Skipped).ToList();
        return (inWave.Sum(c => c.Value), inWave.Where(c => CampaignStatus.IsSuccess(c.Key.Status)).Sum(c => c.Value));
    }

    /// <summary>Repositories per state across every wave.</summary>
    /// <returns>The counts by state.</returns>
    public IReadOnlyDictionary<string, int> ByStatus()
        => _counts.GroupBy(c => c.Key.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
}
