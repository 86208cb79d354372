using System.Globalization;
using System.Text;

namespace Honk.Tools.Files;

/// <summary>
/// When <c>edit_file</c>'s <c>old_text</c> is not in the file, finds what the model probably meant: first a match
/// that ignores whitespace differences, else the lines most similar to the most distinctive line of <c>old_text</c>.
/// </summary>
internal static class ClosestMatchFinder
{
    private const int ContextLines = 2;

    /// <summary>Describes the closest lines, numbered, for the error the model reads.</summary>
    /// <param name="fileLines">The file's lines.</param>
    /// <param name="oldText">The text that was not found.</param>
    /// <returns>A hint, or an empty string when nothing resembles it.</returns>
    public static string Describe(string[] fileLines, string oldText)
    {
        var wanted = TextDocument.SplitLines(oldText.Replace("\r\n", "\n", StringComparison.Ordinal));
        var trimmedWanted = TrimBlankEdges(wanted);
        if (trimmedWanted.Length == 0 || fileLines.Length == 0)
        {
            return "";
        }

        var exactWhitespace = FindIgnoringWhitespace(fileLines, trimmedWanted);
        if (exactWhitespace >= 0)
        {
            return $"Lines {exactWhitespace + 1}-{exactWhitespace + trimmedWanted.Length} match when whitespace is ignored; copy their exact text (indentation, tabs, spaces) and retry:\n"
                + Numbered(fileLines, exactWhitespace, exactWhitespace + trimmedWanted.Length - 1);
        }

        var anchorIndex = Array.IndexOf(trimmedWanted, trimmedWanted.MaxBy(l => l.Trim().Length));
        var anchor = Bigrams(trimmedWanted[anchorIndex]);
        var best = -1;
        var bestScore = 0.0;
        for (var i = 0; i < fileLines.Length; i++)
        {
            var score = Dice(anchor, Bigrams(fileLines[i]));
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        if (best < 0 || bestScore < 0.5)
        {
            return "";
        }

        var start = Math.Max(0, best - anchorIndex - ContextLines);
        var end = Math.Min(fileLines.Length - 1, best - anchorIndex + trimmedWanted.Length - 1 + ContextLines);
        return $"The most similar lines in the file are {start + 1}-{end + 1}:\n" + Numbered(fileLines, start, end);
    }

    private static string[] TrimBlankEdges(string[] lines)
    {
        var start = 0;
        var end = lines.Length;
        while (start < end && string.IsNullOrWhiteSpace(lines[start]))
        {
            start++;
        }

        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        return lines[start..end];
    }

    private static int FindIgnoringWhitespace(string[] fileLines, string[] wanted)
    {
        var normalizedWanted = wanted.Select(Squeeze).ToArray();
        var normalizedFile = fileLines.Select(Squeeze).ToArray();
        for (var i = 0; i + wanted.Length <= fileLines.Length; i++)
        {
            var all = true;
            for (var j = 0; j < wanted.Length && all; j++)
            {
                all = string.Equals(normalizedFile[i + j], normalizedWanted[j], StringComparison.Ordinal);
            }

            if (all)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Squeeze(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static HashSet<int> Bigrams(string line)
    {
        var text = line.Trim();
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            set.Add((text[i] << 16) | text[i + 1]);
        }

        return set;
    }

    private static double Dice(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2.0 * common / (a.Count + b.Count);
    }

    internal static string Numbered(string[] lines, int start, int end)
    {
        var width = Math.Max(4, (end + 1).ToString(CultureInfo.InvariantCulture).Length);
        var builder = new StringBuilder();
        for (var i = start; i <= end; i++)
        {
            builder.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\t').Append(lines[i]).Append('\n');
        }

        return builder.ToString();
    }
}
