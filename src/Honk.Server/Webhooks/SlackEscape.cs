namespace Honk.Server;

/// <summary>Slack's control characters: escaping them keeps session text from injecting links or mentions.</summary>
internal static class SlackEscape
{
    public static string Text(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
