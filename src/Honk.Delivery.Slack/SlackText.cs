namespace Honk.Delivery.Slack;

/// <summary>Slack's text formatting rules: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters and must be escaped.</summary>
internal static class SlackText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>A <c>&lt;url|label&gt;</c> link; a '|' in the URL would end it early, so it is percent-encoded.</summary>
    public static string Link(Uri url, string label)
        => $"<{Escape(url.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal)}|{Escape(label).Replace("|", "¦", StringComparison.Ordinal)}>";

    public static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
