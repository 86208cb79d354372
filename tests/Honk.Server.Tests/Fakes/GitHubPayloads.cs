using System.Text.Json;

namespace Honk.Server.Tests;

/// <summary>Webhook payloads with every field GitHub always sends (Octokit.Webhooks' event types require them).</summary>
internal static class GitHubPayloads
{
    private static long _lastCommentId;

    /// <summary>An <c>issue_comment</c> payload; each call is a new comment (its own id, written now) unless told otherwise.</summary>
    public static string IssueComment(string body, string login, bool pullRequest = false, string action = "created", string fullName = "octo/shop", string? cloneUrl = null, long? commentId = null, DateTimeOffset? createdAt = null)
    {
        var id = commentId ?? Interlocked.Increment(ref _lastCommentId);
        var written = (createdAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var api = $"https://api.github.com/repos/{fullName}";
        var issue = new Dictionary<string, object?>
        {
            ["id"] = 1042, ["node_id"] = "I_kwDO42", ["number"] = 42, ["title"] = "Cart NRE", ["state"] = "open", ["locked"] = false,
            ["url"] = $"{api}/issues/42", ["repository_url"] = api, ["labels_url"] = $"{api}/issues/42/labels{{/name}}",
            ["comments_url"] = $"{api}/issues/42/comments", ["events_url"] = $"{api}/issues/42/events", ["html_url"] = $"https://github.com/{fullName}/issues/42",
            ["user"] = User("reporter"), ["assignees"] = Array.Empty<object>(), ["labels"] = Array.Empty<object>(), ["comments"] = 1,
            ["author_association"] = "NONE", ["created_at"] = "2026-01-02T03:04:05Z", ["updated_at"] = "2026-01-02T03:04:05Z", ["body"] = "The cart throws.",
        };
        if (pullRequest)
        {
            issue["pull_request"] = new { url = $"{api}/pulls/42", html_url = $"https://github.com/{fullName}/pull/42", diff_url = $"https://github.com/{fullName}/pull/42.diff", patch_url = $"https://github.com/{fullName}/pull/42.patch" };
        }

        var owner = fullName.Split('/')[0];
        var payload = new Dictionary<string, object?> { ["action"] = action };
        if (action == "edited")
        {
            payload["changes"] = new { body = new { from = "(before the edit)" } };
        }

        payload["issue"] = issue;
        payload["comment"] = new
        {
            id, node_id = "IC_kwDO1", url = $"{api}/issues/comments/{id}", html_url = $"https://github.com/{fullName}/issues/42#issuecomment-{id}",
            issue_url = $"{api}/issues/42", body, user = User(login), author_association = "MEMBER",
            created_at = written, updated_at = written,
        };
        payload["repository"] = new
        {
            id = 1296269, node_id = "R_kgDO1", name = fullName.Split('/').Last(), full_name = fullName, @private = false, owner = User(owner),
            html_url = $"https://github.com/{fullName}", url = api, clone_url = cloneUrl ?? $"https://github.com/{fullName}.git",
            default_branch = "main", fork = false, web_commit_signoff_required = false,
        };
        payload["sender"] = User(login);
        return JsonSerializer.Serialize(payload);
    }

    /// <summary>A <c>check_run</c> event (e.g. <c>completed</c>) for a commit, with the fields GitHub always sends.</summary>
    public static string CheckRun(string headSha, string name, string conclusion, string branch, string fullName = "octo/repo", string action = "completed")
    {
        var api = $"https://api.github.com/repos/{fullName}";
        var app = new
        {
            id = 15368, slug = "github-actions", node_id = "MDM6QXBwMTUzNjg=", owner = User("github"), name = "GitHub Actions", description = "",
            external_url = "https://help.github.com/en/actions", html_url = "https://github.com/apps/github-actions",
            created_at = "2018-07-30T09:30:17Z", updated_at = "2019-12-10T19:04:12Z", permissions = new { checks = "write" }, events = Array.Empty<string>(),
        };
        var payload = new Dictionary<string, object?>
        {
            ["action"] = action,
            ["check_run"] = new
            {
                id = 7001, node_id = "CR_1", head_sha = headSha, external_id = "", url = $"{api}/check-runs/7001", html_url = $"https://github.com/{fullName}/runs/7001",
                details_url = $"https://github.com/{fullName}/actions/runs/1/job/7001", status = "completed", conclusion,
                started_at = "2026-01-02T03:04:05Z", completed_at = "2026-01-02T03:05:05Z",
                output = new { title = name, summary = conclusion, text = (string?)null, annotations_count = 0, annotations_url = $"{api}/check-runs/7001/annotations" },
                name,
                check_suite = new
                {
                    id = 5001, node_id = "CS_1", head_branch = branch, head_sha = headSha, status = "completed", conclusion, url = $"{api}/check-suites/5001",
                    before = headSha, after = headSha, pull_requests = Array.Empty<object>(), app, created_at = "2026-01-02T03:04:05Z", updated_at = "2026-01-02T03:05:05Z",
                },
                app,
                pull_requests = Array.Empty<object>(),
            },
            ["repository"] = new
            {
                id = 1296269, node_id = "R_kgDO1", name = fullName.Split('/').Last(), full_name = fullName, @private = false, owner = User(fullName.Split('/')[0]),
                html_url = $"https://github.com/{fullName}", url = api, clone_url = $"https://github.com/{fullName}.git",
                default_branch = "main", fork = false, web_commit_signoff_required = false,
            },
            ["sender"] = User("github-actions"),
        };
        return JsonSerializer.Serialize(payload);
    }

    private static object User(string login) => new
    {
        login, id = 583231, node_id = "MDQ6VXNlcjU4MzIzMQ==", avatar_url = "https://avatars.githubusercontent.com/u/583231", url = $"https://api.github.com/users/{login}",
        html_url = $"https://github.com/{login}", type = "User", site_admin = false,
    };
}
