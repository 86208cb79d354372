namespace Honk.Delivery.GitHub;

/// <summary>How <see cref="GitHubPullRequestMerger"/> merges an approved pull request.</summary>
public sealed class GitHubMergeOptions
{
    /// <summary>Squash, merge or rebase (the repository must allow it). Default <see cref="GitHubMergeMethod.Squash"/>.</summary>
    public GitHubMergeMethod Method { get; set; } = GitHubMergeMethod.Squash;

    /// <summary>
    /// Checks (check run names or status contexts) that must have reported success before a merge. Default none. Any
    /// check or status on the head commit that failed or is still running blocks a merge either way.
    /// </summary>
    public IList<string> RequiredChecks { get; } = [];
}
