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
}
