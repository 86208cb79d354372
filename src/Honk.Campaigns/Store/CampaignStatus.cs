namespace Honk.Campaigns;

/// <summary>The wire names of a campaign's and a repository's states.</summary>
public static class CampaignStatus
{
    /// <summary>The campaign is running waves.</summary>
    public const string Running = "running";

    /// <summary>Every wave ran (or every repository is final).</summary>
    public const string Completed = "completed";

    /// <summary>Stopped before the next wave: a gate, an approval, the budget or a pause request. Resumable.</summary>
    public const string Paused = "paused";

    /// <summary>Cancelled: repositories not started are skipped.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The campaign itself broke (its infrastructure failed), not one of its sessions.</summary>
    public const string Failed = "failed";

    /// <summary>A repository waiting for its wave.</summary>
    public const string Pending = "pending";

    /// <summary>A repository handed to the queue, not yet started by a worker.</summary>
    public const string Queued = "queued";

    /// <summary>A repository a worker is running.</summary>
    public const string RepositoryRunning = "running";

    /// <summary>A repository that was never started (gate, budget or cancel).</summary>
    public const string Skipped = "skipped";

    /// <summary>Whether a repository's state is final (a session status, or skipped).</summary>
    /// <param name="status">The repository's state.</param>
    /// <returns><see langword="true"/> when nothing more will happen to it.</returns>
    public static bool IsFinal(string status) => status is not (Pending or Queued or RepositoryRunning);

    /// <summary>Whether a repository's final state counts as a success (<c>succeeded</c> or <c>no_changes</c>).</summary>
    /// <param name="status">The repository's state.</param>
    /// <returns><see langword="true"/> for a success.</returns>
    public static bool IsSuccess(string status) => status is "succeeded" or "no_changes";
}
