using System.Globalization;

namespace Honk.Campaigns;

/// <summary>What the controller reads and writes per step: a grouped tally, a batch queued in one statement, a bulk skip.</summary>
public sealed partial class CampaignStore
{
    /// <summary>Reads how many repositories are in each state per wave, and what they have cost.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tally.</returns>
    public async Task<CampaignTally> TallyAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        // Money is stored as invariant text; both SQLite and PostgreSQL cast it to a number for the sum.
        var rows = await QueryAsync(
            "SELECT wave, status, COUNT(*), SUM(CAST(COALESCE(cost_usd, '0') AS NUMERIC)) FROM honk_campaign_repositories WHERE campaign_id = @id GROUP BY wave, status",
            r => (Wave: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Status: r.GetString(1), Count: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), Cost: r.IsDBNull(3) ? 0m : Convert.ToDecimal(r.GetValue(3), CultureInfo.InvariantCulture)),
            cancellationToken,
            ("id", id)).ConfigureAwait(false);
        return new CampaignTally(rows.ToDictionary(r => (r.Wave, r.Status), r => r.Count), rows.Sum(r => r.Cost));
    }

    /// <summary>
    /// Queues up to <paramref name="limit"/> pending repositories of a wave, in order, in one guarded statement: a
    /// repository another controller queued first is left out, so none is ever queued twice.
    /// </summary>
    /// <param name="id">The campaign.</param>
    /// <param name="wave">The wave.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The positions this call queued, in order.</returns>
    public async Task<IReadOnlyList<int>> QueueNextAsync(string id, int wave, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var positions = await QueryAsync(
            "UPDATE honk_campaign_repositories SET status = @queued WHERE campaign_id = @id AND status = @pending AND position IN (SELECT position FROM honk_campaign_repositories WHERE campaign_id = @id AND wave = @wave AND status = @pending ORDER BY position LIMIT @limit) RETURNING position",
            r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture),
            cancellationToken,
            ("queued", CampaignStatus.Queued),
            ("pending", CampaignStatus.Pending),
            ("id", id),
            ("wave", wave),
            ("limit", limit)).ConfigureAwait(false);
        return [.. positions.Order()];
    }

    /// <summary>Skips every repository not started (pending, or queued but not taken), in one statement.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many were skipped.</returns>
    public Task<int> SkipNotStartedAsync(string id, string reason, CancellationToken cancellationToken = default)
        => UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @skipped, message = @reason, completed_at = @now WHERE campaign_id = @id AND status IN (@pending, @queued)",
            cancellationToken,
            ("skipped", CampaignStatus.Skipped),
            ("reason", reason),
            ("now", Now()),
            ("pending", CampaignStatus.Pending),
            ("queued", CampaignStatus.Queued),
            ("id", id));
}
