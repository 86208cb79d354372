namespace Honk.Delivery.GitHub;

/// <summary>What became of an approval: merged (with the commit on the base branch), or refused with the reason.</summary>
public sealed record GitHubMergeDecision
{
    private GitHubMergeDecision(bool merged, string message, string? commit)
    {
        Merged = merged;
        Message = message;
        Commit = commit;
    }

    /// <summary>True when the pull request is merged (now or earlier).</summary>
    public bool Merged { get; }

    /// <summary>What happened, or why nothing was merged, in words for the approver.</summary>
    public string Message { get; }

    /// <summary>The resulting commit on the base branch, when merged now.</summary>
    public string? Commit { get; }

    /// <summary>Merged.</summary>
    /// <param name="message">What was done.</param>
    /// <param name="commit">The resulting commit.</param>
    /// <returns>The decision.</returns>
    public static GitHubMergeDecision Done(string message, string? commit = null) => new(true, message, commit);

    /// <summary>Not merged.</summary>
    /// <param name="reason">Why, in words for the approver.</param>
    /// <returns>The decision.</returns>
    public static GitHubMergeDecision Refused(string reason) => new(false, reason, null);
}
