namespace Honk.Server;

/// <summary>A Slack slash-command invocation (<c>application/x-www-form-urlencoded</c>).</summary>
/// <param name="Command">The command, e.g. <c>/honk</c>.</param>
/// <param name="Text">Everything the user typed after the command.</param>
/// <param name="UserId">Who typed it (<c>U…</c>).</param>
/// <param name="ChannelId">Where it was typed (<c>C…</c>, <c>D…</c>).</param>
/// <param name="ResponseUrl">Where delayed responses may be posted, when Slack sent one.</param>
/// <param name="TriggerId">Slack's trigger id, when sent.</param>
public sealed record SlackSlashCommand(string Command, string Text, string UserId, string ChannelId, Uri? ResponseUrl, string? TriggerId)
{
    /// <summary>Parses a slash-command form body.</summary>
    /// <param name="form">The raw form body.</param>
    /// <param name="command">The command when the body holds the required fields.</param>
    /// <returns><see langword="true"/> when <c>command</c>, <c>user_id</c> and <c>channel_id</c> are present.</returns>
    public static bool TryParse(string form, out SlackSlashCommand? command)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = FormBody.Parse(form);
        command = null;
        if (!fields.TryGetValue("command", out var name) || !fields.TryGetValue("user_id", out var user) || !fields.TryGetValue("channel_id", out var channel)
            || name.Length == 0 || user.Length == 0 || channel.Length == 0)
        {
            return false;
        }

        Uri? responseUrl = null;
        if (fields.TryGetValue("response_url", out var url) && url.Length > 0
            && (!Uri.TryCreate(url, UriKind.Absolute, out responseUrl) || (responseUrl.Scheme != Uri.UriSchemeHttps && responseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            return false;
        }

        command = new SlackSlashCommand(name, fields.GetValueOrDefault("text", "").Trim(), user, channel, responseUrl, fields.GetValueOrDefault("trigger_id"));
        return true;
    }
}
