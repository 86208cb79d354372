using System.Text.RegularExpressions;

namespace Honk.Server;

/// <summary>Finds the task in a mention: <c>@honk fix the build</c> (GitHub) or <c>&lt;@U0BOT&gt; fix the build</c> (Slack).</summary>
public static partial class HonkMention
{
    /// <summary>Extracts the task after <c>@honk</c> (or <paramref name="handle"/>) at the start of any line.</summary>
    /// <param name="text">The comment body.</param>
    /// <param name="handle">The mention handle without <c>@</c>.</param>
    /// <returns>The task text (the rest of that line and the lines after it), or null when the bot is not addressed.</returns>
    public static string? FromGitHubComment(string text, string handle = "honk")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var match = Regex.Match(text, $@"(?im)^\s*@{Regex.Escape(handle)}(?![\w-])[ \t:,]*(?<task>[\s\S]*)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return null;
        }

        var task = match.Groups["task"].Value.Trim();
        return task.Length == 0 ? null : task;
    }

    /// <summary>Removes the leading <c>&lt;@U…&gt;</c> mention(s) of a Slack <c>app_mention</c> text.</summary>
    /// <param name="text">The event text.</param>
    /// <returns>The task text, or null when nothing is left.</returns>
    public static string? FromSlackMention(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var task = SlackMentionPrefix().Replace(text, "").Trim();
        return task.Length == 0 ? null : task;
    }

    [GeneratedRegex(@"^(\s*<@[A-Z0-9]+(\|[^>]*)?>\s*)+", RegexOptions.None, 1000)]
    private static partial Regex SlackMentionPrefix();
}
