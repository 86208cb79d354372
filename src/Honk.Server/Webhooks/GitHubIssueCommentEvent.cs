using System.Text.Json;

namespace Honk.Server;

/// <summary>The fields Honk uses from GitHub's <c>issue_comment</c> webhook payload.</summary>
public sealed record GitHubIssueCommentEvent
{
    /// <summary><c>created</c>, <c>edited</c> or <c>deleted</c>; only <c>created</c> starts work.</summary>
    public required string Action { get; init; }

    /// <summary>The comment's text.</summary>
    public required string Body { get; init; }

    /// <summary>Who wrote the comment (<c>comment.user.login</c>).</summary>
    public required string Login { get; init; }

    /// <summary>The repository, <c>owner/name</c>.</summary>
    public required string RepositoryFullName { get; init; }

    /// <summary>The repository's clone URL.</summary>
    public required string CloneUrl { get; init; }

    /// <summary>The issue or pull request number.</summary>
    public required int IssueNumber { get; init; }

    /// <summary>The comment's id (<c>comment.id</c>): one comment starts work at most once, whatever delivery carries it.</summary>
    public long CommentId { get; init; }

    /// <summary>When the comment was written (<c>comment.created_at</c>); a replay of an old payload is refused by it.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether the comment is on a pull request (<c>issue.pull_request</c> present).</summary>
    public bool IsPullRequest { get; init; }

    /// <summary>The repository owner (before the slash).</summary>
    public string Owner => RepositoryFullName[..RepositoryFullName.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The repository name (after the slash).</summary>
    public string Repository => RepositoryFullName[(RepositoryFullName.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Parses an <c>issue_comment</c> payload through Octokit.Webhooks' event types.</summary>
    /// <param name="json">The raw body.</param>
    /// <param name="comment">The event, when the body holds every field GitHub always sends.</param>
    /// <returns><see langword="false"/> for malformed JSON, an unknown action or missing fields.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, out GitHubIssueCommentEvent? comment)
    {
        comment = null;
        Octokit.Webhooks.Events.IssueCommentEvent? e;
        try
        {
            e = JsonSerializer.Deserialize<Octokit.Webhooks.Events.IssueCommentEvent>(json);
        }
        catch (JsonException)
        {
            return false;
        }

        var fullName = e?.Repository?.FullName;
        if (e is null || string.IsNullOrEmpty(e.Action) || e.Comment.User is null || string.IsNullOrEmpty(e.Comment.User.Login)
            || string.IsNullOrEmpty(e.Repository?.CloneUrl) || e.Issue.Number is < 1 or > int.MaxValue
            || fullName is null || fullName.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            return false;
        }

        comment = new GitHubIssueCommentEvent
        {
            Action = e.Action, Body = e.Comment.Body ?? "", Login = e.Comment.User.Login, RepositoryFullName = fullName, CloneUrl = e.Repository.CloneUrl,
            IssueNumber = (int)e.Issue.Number, IsPullRequest = e.Issue.PullRequest is not null, CommentId = e.Comment.Id, CreatedAt = e.Comment.CreatedAt,
        };
        return true;
    }
}
