using System.Text.Json;

namespace Honk.Server;

/// <summary>
/// The webhook events that say something changed on a pull request Honk may be watching: <c>check_run</c>,
/// <c>check_suite</c>, <c>status</c> and <c>pull_request</c>, read through Octokit.Webhooks' event types. They only wake
/// the watcher, which reads the truth from the API (a webhook can be late, repeated or out of order).
/// </summary>
internal static class GitHubPullRequestActivity
{
    public static bool IsWatchEvent(string eventName) => eventName is "check_run" or "check_suite" or "status" or "pull_request";

    /// <summary>Reads the event's repository (<c>owner/name</c>) and head commit; false for a malformed payload.</summary>
    public static bool TryParse(string eventName, ReadOnlySpan<byte> json, out string? repository, out string? headSha)
    {
        repository = null;
        headSha = null;
        try
        {
            (repository, headSha) = eventName switch
            {
                "check_run" => JsonSerializer.Deserialize<Octokit.Webhooks.Events.CheckRunEvent>(json) is { } e ? (e.Repository?.FullName, e.CheckRun?.HeadSha) : default,
                "check_suite" => JsonSerializer.Deserialize<Octokit.Webhooks.Events.CheckSuiteEvent>(json) is { } e ? (e.Repository?.FullName, e.CheckSuite?.HeadSha) : default,
                "status" => JsonSerializer.Deserialize<Octokit.Webhooks.Events.StatusEvent>(json) is { } e ? (e.Repository?.FullName, e.Sha) : default,
                "pull_request" => JsonSerializer.Deserialize<Octokit.Webhooks.Events.PullRequestEvent>(json) is { } e ? (e.Repository?.FullName, e.PullRequest?.Head?.Sha) : default,
                _ => default,
            };
        }
        catch (JsonException)
        {
            return false;
        }

        return !string.IsNullOrEmpty(repository) && !string.IsNullOrEmpty(headSha);
    }
}
