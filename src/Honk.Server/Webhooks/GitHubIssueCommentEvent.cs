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

    /// <summary>Whether the comment is on a pull request (<c>issue.pull_request</c> present).</summary>
    public bool IsPullRequest { get; init; }

    /// <summary>The repository owner (before the slash).</summary>
    public string Owner => RepositoryFullName[..RepositoryFullName.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The repository name (after the slash).</summary>
    public string Repository => RepositoryFullName[(RepositoryFullName.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Parses an <c>issue_comment</c> payload.</summary>
    /// <param name="json">The raw body.</param>
    /// <param name="comment">The event, when the body holds every required field.</param>
    /// <returns><see langword="false"/> for malformed JSON or missing fields.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, out GitHubIssueCommentEvent? comment)
    {
        comment = null;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryObject(root, "comment", out var c) || !TryObject(root, "issue", out var issue) || !TryObject(root, "repository", out var repo)
                || !TryObject(c, "user", out var user)
                || !issue.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var n))
            {
                return false;
            }

            var action = Str(root, "action");
            var body = Str(c, "body");
            var login = Str(user, "login");
            var fullName = Str(repo, "full_name");
            var cloneUrl = Str(repo, "clone_url");
            if (action is null || body is null || string.IsNullOrEmpty(login) || string.IsNullOrEmpty(cloneUrl)
                || fullName is null || fullName.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                return false;
            }

            comment = new GitHubIssueCommentEvent
            {
                Action = action, Body = body, Login = login, RepositoryFullName = fullName, CloneUrl = cloneUrl, IssueNumber = n,
                IsPullRequest = issue.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object,
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryObject(JsonElement element, string name, out JsonElement value)
        => element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;

    private static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
