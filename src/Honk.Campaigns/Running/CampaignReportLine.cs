namespace Honk.Campaigns;

/// <summary>One repository in a <see cref="CampaignReport"/>.</summary>
/// <param name="Repository">The repository.</param>
/// <param name="Status">A session status, skipped, or (while running) pending/queued/running.</param>
/// <param name="Branch">The branch its change is delivered to.</param>
/// <param name="SessionId">Its session, once started.</param>
/// <param name="CostUsd">What its session cost.</param>
/// <param name="Message">The session's message, or why it was skipped.</param>
public sealed record CampaignReportLine(string Repository, string Status, string? Branch, string? SessionId, decimal CostUsd, string? Message)
{
    /// <summary>Its wave (0 is the canary).</summary>
    public int Wave { get; init; }

    /// <summary>The model turns its session took.</summary>
    public int Turns { get; init; }

    /// <summary>How many times a worker started it.</summary>
    public int Attempts { get; init; }

    /// <summary>Its pull request, when the campaign delivers them and one was opened.</summary>
    public CampaignPullRequest? PullRequest { get; init; }
}
