namespace Honk.Campaigns;

/// <summary>A repository's pull request as the rollup sees it: where it is, its checks' last recorded state, whether it is merged.</summary>
/// <param name="Url">The pull request's web address.</param>
/// <param name="Checks"><c>green</c> or <c>failing</c> (the checks of the newest head the pull-request loop recorded), or <see langword="null"/> while none is recorded.</param>
/// <param name="State"><c>open</c>, <c>merged</c> or <c>closed</c>.</param>
public sealed record CampaignPullRequest(Uri? Url, string? Checks, string State)
{
    /// <summary>The checks passed.</summary>
    public const string Green = "green";

    /// <summary>A check failed.</summary>
    public const string Failing = "failing";

    /// <summary>Still open.</summary>
    public const string Open = "open";

    /// <summary>Merged.</summary>
    public const string Merged = "merged";

    /// <summary>Closed without a merge.</summary>
    public const string Closed = "closed";
}
