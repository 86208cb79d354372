namespace Honk.Campaigns;

/// <summary>
/// A campaign's rollup: its state, counts by repository status, total cost, and one line per repository. Repositories
/// never started read <c>skipped</c> once the campaign has stopped (gate, budget, approval or cancel).
/// </summary>
public sealed record CampaignReport
{
    /// <summary>The campaign's id.</summary>
    public required string Campaign { get; init; }

    /// <summary>The campaign's name.</summary>
    public required string Name { get; init; }

    /// <summary>completed, paused, cancelled, failed (or running while it runs).</summary>
    public required string Status { get; init; }

    /// <summary>Why it stopped, when it did not complete.</summary>
    public string? Message { get; init; }

    /// <summary>Whether it was a dry run.</summary>
    public bool DryRun { get; init; }

    /// <summary>How many repositories are in each status.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>How many repositories ended in each failure mode (see <see cref="FailureModes"/>).</summary>
    public required IReadOnlyDictionary<string, int> Modes { get; init; }

    /// <summary>
    /// The pull requests by what became of them (<c>opened</c>, <c>checks_passed</c>, <c>checks_failed</c>, <c>merged</c>,
    /// <c>closed</c>), from what the pull-request loop recorded; <see langword="null"/> when the campaign opens none.
    /// </summary>
    public IReadOnlyDictionary<string, int>? PullRequests { get; init; }

    /// <summary>What every session cost together.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>One line per repository, in campaign order.</summary>
    public required IReadOnlyList<CampaignReportLine> Repositories { get; init; }

    /// <summary>Whether every started repository ended succeeded or no_changes (the run's exit code is 0 then).</summary>
    public bool AllStartedSucceeded => Repositories.All(r => r.Status == CampaignStatus.Skipped || CampaignStatus.IsSuccess(r.Status));

    /// <summary>Builds the report from the store's records.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="repositories">Its repositories.</param>
    /// <param name="pullRequests">Their pull requests by session id (<see cref="CampaignPullRequestReader"/>), for a campaign that delivers them.</param>
    /// <returns>The report.</returns>
    public static CampaignReport From(CampaignRecord campaign, IReadOnlyList<CampaignRepositoryRecord> repositories, IReadOnlyDictionary<string, CampaignPullRequest>? pullRequests = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(repositories);
        var stopped = campaign.Status != CampaignStatus.Running;
        var lines = repositories.Select(r =>
        {
            var notStarted = stopped && r.Status is CampaignStatus.Pending or CampaignStatus.Queued;
            return new CampaignReportLine(
                r.Repository,
                notStarted ? CampaignStatus.Skipped : r.Status,
                r.Branch,
                r.Attempts > 0 ? r.SessionId : null,
                r.CostUsd,
                notStarted ? r.Message ?? campaign.Message ?? "Not started." : r.Message)
            {
                Wave = r.Wave,
                Turns = r.Turns,
                Attempts = r.Attempts,
                PullRequest = pullRequests is not null && pullRequests.TryGetValue(r.SessionId, out var pr) ? pr : null,
            };
        }).ToList();
        return new CampaignReport
        {
            Campaign = campaign.Id,
            Name = campaign.Spec.Name,
            Status = campaign.Status,
            Message = campaign.Message,
            DryRun = campaign.Spec.DryRun,
            Counts = lines.GroupBy(l => l.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Modes = lines.GroupBy(l => FailureModes.Of(l.Status), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            CostUsd = lines.Sum(l => l.CostUsd),
            Repositories = lines,
            PullRequests = pullRequests is null ? null : Tally(lines.Select(l => l.PullRequest).OfType<CampaignPullRequest>().ToList()),
        };
    }

    /// <summary>Counts pull requests: every one opened; merged or closed ones by that; open ones by their last checks.</summary>
    private static Dictionary<string, int> Tally(IReadOnlyList<CampaignPullRequest> pullRequests) => new(StringComparer.Ordinal)
    {
        ["opened"] = pullRequests.Count,
        ["checks_passed"] = pullRequests.Count(p => p.State == CampaignPullRequest.Open && p.Checks == CampaignPullRequest.Green),
        ["checks_failed"] = pullRequests.Count(p => p.State == CampaignPullRequest.Open && p.Checks == CampaignPullRequest.Failing),
        ["merged"] = pullRequests.Count(p => p.State == CampaignPullRequest.Merged),
        ["closed"] = pullRequests.Count(p => p.State == CampaignPullRequest.Closed),
    };
}
