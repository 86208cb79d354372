namespace Honk.Campaigns;

/// <summary>What a person may ask a running campaign's controller to do at its next step.</summary>
public static class CampaignRequests
{
    /// <summary>Start no more sessions; the campaign becomes paused once the running ones end.</summary>
    public const string Pause = "pause";

    /// <summary>Start no more sessions and skip every repository not started.</summary>
    public const string Cancel = "cancel";
}
