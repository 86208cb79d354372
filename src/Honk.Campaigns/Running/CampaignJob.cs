namespace Honk.Campaigns;

/// <summary>One repository's session of a campaign, as handed to an <see cref="ICampaignJobRunner"/>.</summary>
public sealed record CampaignJob
{
    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The repository's position in the campaign.</summary>
    public required int Position { get; init; }

    /// <summary>The repository: an absolute path or a git URL.</summary>
    public required string Repository { get; init; }

    /// <summary>The session id, the same for every attempt (the effects ledger keys on it).</summary>
    public required string SessionId { get; init; }

    /// <summary>The branch to deliver to.</summary>
    public required string Branch { get; init; }

    /// <summary>This attempt's number (more than 1 when a worker died during an earlier one).</summary>
    public required int Attempt { get; init; }

    /// <summary>What the campaign runs.</summary>
    public required CampaignSpec Spec { get; init; }
}
