namespace Honk.Delivery.GitHub;

/// <summary>The body of <c>PATCH /repos/{owner}/{repo}/pulls/{number}</c>; <see langword="null"/> fields are left unchanged.</summary>
public sealed record PullRequestUpdate
{
    /// <summary>The new title.</summary>
    public string? Title { get; init; }

    /// <summary>The new description.</summary>
    public string? Body { get; init; }

    /// <summary>The new base branch.</summary>
    public string? Base { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string? State { get; init; }
}
