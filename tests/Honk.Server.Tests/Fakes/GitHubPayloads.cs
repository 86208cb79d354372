using System.Text.Json;

namespace Honk.Server.Tests;

internal static class GitHubPayloads
{
    public static string IssueComment(string body, string login, bool pullRequest = false, string action = "created", string fullName = "octo/shop", string? cloneUrl = null)
    {
        var issue = new Dictionary<string, object?> { ["number"] = 42, ["title"] = "Cart NRE" };
        if (pullRequest)
        {
            issue["pull_request"] = new { url = "https://api.github.com/repos/octo/shop/pulls/42" };
        }

        return JsonSerializer.Serialize(new
        {
            action,
            issue,
            comment = new { id = 1, body, user = new { login } },
            repository = new { full_name = fullName, clone_url = cloneUrl ?? $"https://github.com/{fullName}.git" },
            sender = new { login },
        });
    }
}
