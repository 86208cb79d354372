namespace Honk.Cli.Campaigns;

/// <summary>How a campaign is driven: where its jobs run.</summary>
internal sealed record CampaignDriveSettings
{
    /// <summary>The broker; jobs run in this process when <see langword="null"/>.</summary>
    public Uri? Broker { get; init; }

    public required CampaignCompositionSettings Composition { get; init; }
}
