namespace Honk.Delivery.GitHub;

/// <summary>How a pull request is merged (the repository must allow the method).</summary>
public enum GitHubMergeMethod
{
    /// <summary>One squashed commit on the base branch.</summary>
    Squash,

    /// <summary>A merge commit.</summary>
    Merge,

    /// <summary>The commits rebased onto the base branch.</summary>
    Rebase,
}
