using System.Text.Json;

namespace Honk.Server.Tests;

/// <summary>Webhook payloads with every field GitHub always sends (Octokit.Webhooks' event types require them).</summary>
internal static class GitHubPayloads
{
    public static string IssueComment(string body, string login, bool pullRequest = false, string action = "created", string fullName = "octo/shop", string? cloneUrl = null)
    {
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
            id = 1, node_id = "IC_kwDO1", url = $"{api}/issues/comments/1", html_url = $"https://github.com/{fullName}/issues/42#issuecomment-1",
            issue_url = $"{api}/issues/42", body, user = User(login), author_association = "MEMBER",
            created_at = "2026-01-02T03:04:05Z", updated_at = "2026-01-02T03:04:05Z",
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

    private static object User(string login) => new
    {
        login, id = 583231, node_id = "MDQ6VXNlcjU4MzIzMQ==", avatar_url = "https://avatars.githubusercontent.com/u/583231", url = $"https://api.github.com/users/{login}",
        html_url = $"https://github.com/{login}", type = "User", site_admin = false,
    };
}
