namespace Honk.Campaigns;

/// <summary>The defaults of a campaign file's keys.</summary>
public static class CampaignDefaults
{
    /// <summary>The default <c>gate</c>: 80% of a wave must end succeeded or no_changes.</summary>
    public const decimal Gate = 0.8m;

    /// <summary>The default <c>concurrency</c>.</summary>
    public const int Concurrency = 4;

    /// <summary>The most repositories one campaign may hold.</summary>
    public const int MaxTargets = 100_000;
}
