namespace Honk.Delivery.GitHub;

/// <summary>The part of GitHub's repository object Honk reads.</summary>
public sealed record GitHubRepository
{
    /// <summary><c>owner/name</c>.</summary>
    public string FullName { get; init; } = "";

    /// <summary>The branch pull requests target by default.</summary>
    public string DefaultBranch { get; init; } = "";

    /// <summary>The repository's web page.</summary>
    public Uri? HtmlUrl { get; init; }
}
