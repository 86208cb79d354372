namespace Honk.Campaigns;

/// <summary>Repository outcomes grouped the way a campaign's owners read them: what happened, not which code path.</summary>
public static class FailureModes
{
    /// <summary>The change was made, checked and delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>The repository did not need the change (precondition unmet, not applicable, or already done).</summary>
    public const string NotApplicable = "not_applicable";

    /// <summary>The repository's own checks failed.</summary>
    public const string ChecksFailed = "checks_failed";

    /// <summary>A guard or the judge vetoed the change.</summary>
    public const string Vetoed = "vetoed";

    /// <summary>The session ran out of its own budget.</summary>
    public const string OverBudget = "over_budget";

    /// <summary>The session failed or was cancelled.</summary>
    public const string Failed = "failed";

    /// <summary>Not started.</summary>
    public const string NotStarted = "not_started";

    /// <summary>Still waiting or running.</summary>
    public const string InProgress = "in_progress";

    /// <summary>The mode of a repository status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The mode.</returns>
    public static string Of(string status) => status switch
    {
        "succeeded" => Delivered,
        "no_changes" => NotApplicable,
        "validation_failed" => ChecksFailed,
        "vetoed" => Vetoed,
        "budget_exceeded" => OverBudget,
        "failed" or "cancelled" => Failed,
        CampaignStatus.Skipped => NotStarted,
        _ => InProgress,
    };
}
