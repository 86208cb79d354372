using Octo = Octokit;

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

    /// <summary>True once merged.</summary>
    public bool Merged { get; init; }

    /// <summary>Whether it merges cleanly; <see langword="null"/> while GitHub is still computing it (single pull request reads only).</summary>
    public bool? Mergeable { get; init; }

    /// <summary>
    /// GitHub's <c>mergeable_state</c>: <c>clean</c>, <c>behind</c> (the base moved on), <c>dirty</c> (conflicts),
    /// <c>blocked</c>, <c>unstable</c> (non-required checks failing), <c>unknown</c>; <see langword="null"/> in listings.
    /// </summary>
    public string? MergeableState { get; init; }

    /// <summary>The branch with the change.</summary>
    public GitHubBranchRef? Head { get; init; }

    /// <summary>The branch the change goes into.</summary>
    public GitHubBranchRef? Base { get; init; }

    internal static GitHubPullRequest From(Octo.PullRequest pull) => new()
    {
        Number = pull.Number,
        HtmlUrl = GitHubClient.ToUri(pull.HtmlUrl),
        State = pull.State.StringValue ?? "",
        Title = pull.Title ?? "",
        Body = pull.Body,
        Draft = pull.Draft,
        Merged = pull.Merged || pull.MergedAt.HasValue,
        Mergeable = pull.Mergeable,
        MergeableState = pull.MergeableState?.StringValue,
        Head = GitHubBranchRef.From(pull.Head),
        Base = GitHubBranchRef.From(pull.Base),
    };
}
