using System.Text.RegularExpressions;

namespace Honk.Git.Internal;

/// <summary>
/// Reads a commit message's trailers (<c>Key: value</c> lines in its last paragraph) the way
/// <c>git log --format=%(trailers:key=K,valueonly)</c> reports them, for the trailers Honk writes and reads.
/// </summary>
internal static partial class Trailers
{
    /// <summary>The values of <paramref name="key"/> in the message's trailer block.</summary>
    /// <param name="message">The full commit message.</param>
    /// <param name="key">The key, compared without regard to case.</param>
    /// <returns>The trimmed values, in order.</returns>
    public static IEnumerable<string> ValuesOf(string message, string key)
    {
        var paragraphs = ParagraphBreak().Split(message.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', ' ', '\t'));
        if (paragraphs.Length < 2)
        {
            // The title paragraph is never a trailer block.
            yield break;
        }

        var entries = new List<(string Key, string Value)>();
        var others = 0;
        foreach (var line in paragraphs[^1].Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && entries.Count > 0)
            {
                // A continuation line belongs to the trailer above it.
                entries[^1] = (entries[^1].Key, entries[^1].Value + " " + line.Trim());
                continue;
            }

            var match = TrailerLine().Match(line);
            if (match.Success)
            {
                entries.Add((match.Groups["key"].Value, match.Groups["value"].Value.Trim()));
            }
            else
            {
                others++;
            }
        }

        // git's rule: a block of only trailers, or at least a quarter of trailers when one of them is git's own.
        var isBlock = entries.Count > 0
            && (others == 0 || (entries.Count * 3 >= others && entries.Any(e => e.Key.Equals("Signed-off-by", StringComparison.OrdinalIgnoreCase))));
        if (!isBlock)
        {
            yield break;
        }

        foreach (var (name, value) in entries)
        {
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                yield return value;
            }
        }
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:(?<value>.*)$")]
    private static partial Regex TrailerLine();
}
