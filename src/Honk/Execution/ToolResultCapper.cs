using System.Text;

namespace Honk.Execution;

/// <summary>
/// Cuts a tool result to the loop's caps, keeping the head and the tail (where errors and summaries usually are)
/// with an explicit marker in between, so the model knows something was left out and how much.
/// </summary>
internal static class ToolResultCapper
{
    /// <summary>Caps <paramref name="text"/> to <paramref name="maxLines"/> lines and <paramref name="maxChars"/> characters.</summary>
    public static string Cap(string text, int maxLines, int maxChars, out bool truncated)
    {
        truncated = false;
        if (text.Length <= maxChars && !HasMoreLinesThan(text, maxLines))
        {
            return text;
        }

        truncated = true;
        var lines = text.Split('\n');
        if (lines.Length > maxLines)
        {
            var head = (maxLines * 2) / 3;
            var tail = maxLines - head;
            var omitted = lines.Length - head - tail;
            text = new StringBuilder()
                .AppendJoin('\n', lines.AsSpan(0, head).ToArray())
                .Append("\n[... ").Append(omitted).Append(" lines omitted ...]\n")
                .AppendJoin('\n', lines.AsSpan(lines.Length - tail).ToArray())
                .ToString();
        }

        if (text.Length > maxChars)
        {
            var head = (maxChars * 2) / 3;
            var tail = maxChars - head;
            var omittedText = text.AsSpan(head, text.Length - head - tail);
            var omittedLines = omittedText.Count('\n');
            text = string.Concat(
                text.AsSpan(0, head),
                $"\n[... {omittedText.Length} characters ({omittedLines} lines) omitted ...]\n",
                text.AsSpan(text.Length - tail));
        }

        return text;
    }

    private static bool HasMoreLinesThan(string text, int maxLines)
    {
        var count = 1;
        foreach (var c in text)
        {
            if (c == '\n' && ++count > maxLines)
            {
                return true;
            }
        }

        return false;
    }
}
