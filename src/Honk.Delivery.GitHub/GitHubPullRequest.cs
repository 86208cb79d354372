namespace Honk.Delivery.GitHub;

/// <summary>The part of GitHub's pull request object Honk reads.</summary>
public sealed record GitHubPullRequest
{
    /// <summary>The pull request's number (also its issue number, for labels and comments).</summary>
    public int Number { get; init; }

    /// <summary>The pull request's web page.</summary>
    public Uri? HtmlUrl { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "";

    /// <summary>The title.</summary>
    public string Title { get; init; } = "";

    /// <summary>The description (Markdown).</summary>
    public string? Body { get; init; }

    /// <summary>True for a draft pull request.</summary>
    public bool Draft { get; init; }

    /// <summary>The branch with the change.</summary>
    public GitHubBranchRef? Head { get; init; }

    /// <summary>The branch the change goes into.</summary>
    public GitHubBranchRef? Base { get; init; }
}
