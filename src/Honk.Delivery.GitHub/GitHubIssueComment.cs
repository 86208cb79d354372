using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>A comment on an issue or pull request.</summary>
public sealed record GitHubIssueComment
{
    /// <summary>The comment's id.</summary>
    public long Id { get; init; }

    /// <summary>The comment's web address.</summary>
    public Uri? HtmlUrl { get; init; }

    /// <summary>The comment's text.</summary>
    public string? Body { get; init; }

    internal static GitHubIssueComment From(Octo.IssueComment comment)
        => new() { Id = comment.Id, HtmlUrl = GitHubClient.ToUri(comment.HtmlUrl), Body = comment.Body };
}
