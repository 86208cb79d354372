using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>One side (head or base) of a pull request.</summary>
public sealed record GitHubBranchRef
{
    /// <summary>The branch name, e.g. <c>honk/fix-nre-1a2b</c>.</summary>
    public string Ref { get; init; } = "";

    /// <summary><c>owner:branch</c>.</summary>
    public string? Label { get; init; }

    /// <summary>The commit the branch points at.</summary>
    public string? Sha { get; init; }

    internal static GitHubBranchRef? From(Octo.GitReference? reference)
        => reference is null ? null : new GitHubBranchRef { Ref = reference.Ref ?? "", Label = reference.Label, Sha = reference.Sha };
}
