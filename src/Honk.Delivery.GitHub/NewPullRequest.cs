namespace Honk.Delivery.GitHub;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/pulls</c>.</summary>
public sealed record NewPullRequest
{
    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The branch with the change; <c>owner:branch</c> for a branch in another fork.</summary>
    public required string Head { get; init; }

    /// <summary>The branch the change goes into.</summary>
    public required string Base { get; init; }

    /// <summary>The description (Markdown).</summary>
    public string? Body { get; init; }

    /// <summary>Opens the pull request as a draft.</summary>
    public bool Draft { get; init; }
}
