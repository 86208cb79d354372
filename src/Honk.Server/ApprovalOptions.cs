using Honk.Delivery.GitHub;

namespace Honk.Server;

/// <summary>How Approve lands the change.</summary>
public sealed class ApprovalOptions
{
    /// <summary>Merge or fast-forward. Default <see cref="ApprovalMode.Merge"/>.</summary>
    public ApprovalMode Mode { get; set; } = ApprovalMode.Merge;

    /// <summary>The branch the change lands on. Default <c>main</c>.</summary>
    public string TargetBranch { get; set; } = "main";

    /// <summary>Name and e-mail of merge commits.</summary>
    public string CommitterName { get; set; } = "Honk";

    /// <summary>E-mail of merge commits.</summary>
    public string CommitterEmail { get; set; } = "honk@localhost";

    /// <summary>
    /// How Approve merges a session delivered as a GitHub pull request (through the API, when a <c>GitHubClient</c> is
    /// registered): squash, merge or rebase. Default <see cref="GitHubMergeMethod.Squash"/>.
    /// </summary>
    public GitHubMergeMethod PullRequestMergeMethod { get; set; } = GitHubMergeMethod.Squash;

    /// <summary>Checks that must have passed on a pull request's head before Approve merges it. Default none (still, any failing or running check blocks).</summary>
    public IList<string> RequiredChecks { get; } = [];
}
