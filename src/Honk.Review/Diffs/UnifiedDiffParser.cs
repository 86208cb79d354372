using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>A forgiving line-by-line reader of unified diffs; the hunk counts decide where a hunk ends.</summary>
internal static partial class UnifiedDiffParser
{
    private const string DevNull = "/dev/null";

    public static List<FileDiff> Parse(string diff)
    {
        var lines = diff.Split('\n');
        var count = diff.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var files = new List<FileDiff>();
        var i = 0;
        while (i < count)
        {
            var line = lines[i];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal)
                || (line.StartsWith("--- ", StringComparison.Ordinal) && i + 1 < count && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal)))
            {
                files.Add(ReadFile(lines, count, ref i));
            }
            else
            {
                // Preamble (a commit message, "index" lines of another format): not part of any file.
                i++;
            }
        }

        return files;
    }

    private static FileDiff ReadFile(string[] lines, int count, ref int i)
    {
        var header = new StringBuilder();
        var kind = FileChangeKind.Modified;
        string? oldPath = null;
        string? newPath = null;
        var binary = false;
        int? similarity = null;
        var sawMinus = false;
        var sawPlus = false;
        var git = lines[i].StartsWith("diff --git ", StringComparison.Ordinal);
        if (git)
        {
            (oldPath, newPath) = SplitGitHeaderPaths(lines[i]["diff --git ".Length..].TrimEnd('\r'));
            header.Append(lines[i]).Append('\n');
            i++;
        }

        while (i < count && !lines[i].StartsWith("diff --git ", StringComparison.Ordinal) && !lines[i].StartsWith("@@ ", StringComparison.Ordinal))
        {
            var line = lines[i].TrimEnd('\r');
            if (!git && sawPlus)
            {
                break;
            }

            if (line.StartsWith("new file mode", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Added;
            }
            else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Deleted;
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Renamed;
                oldPath = DecodePath(line["rename from ".Length..]);
            }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Renamed;
                newPath = DecodePath(line["rename to ".Length..]);
            }
            else if (line.StartsWith("copy from ", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Copied;
                oldPath = DecodePath(line["copy from ".Length..]);
            }
            else if (line.StartsWith("copy to ", StringComparison.Ordinal))
            {
                kind = FileChangeKind.Copied;
                newPath = DecodePath(line["copy to ".Length..]);
            }
            else if (SimilarityLine().Match(line) is { Success: true } match)
            {
                similarity = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal))
            {
                binary = true;
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && !sawMinus)
            {
                sawMinus = true;
                var path = HeaderPath(line[4..]);
                oldPath = path ?? oldPath;
                if (path is null)
                {
                    kind = FileChangeKind.Added;
                }
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal) && !sawPlus)
            {
                sawPlus = true;
                var path = HeaderPath(line[4..]);
                newPath = path ?? newPath;
                if (path is null)
                {
                    kind = FileChangeKind.Deleted;
                }
            }

            header.Append(lines[i]).Append('\n');
            i++;
        }

        var hunks = new List<DiffHunk>();
        while (i < count && lines[i].StartsWith("@@ ", StringComparison.Ordinal))
        {
            var hunk = ReadHunk(lines, count, ref i);
            if (hunk is null)
            {
                break;
            }

            hunks.Add(hunk);
        }

        if (!git && kind == FileChangeKind.Modified && oldPath is not null && newPath is not null && oldPath != newPath)
        {
            kind = FileChangeKind.Renamed;
        }

        return new FileDiff(
            kind,
            kind == FileChangeKind.Added ? null : oldPath ?? newPath,
            kind == FileChangeKind.Deleted ? null : newPath ?? oldPath,
            binary,
            similarity,
            hunks,
            header.ToString());
    }

    private static DiffHunk? ReadHunk(string[] lines, int count, ref int i)
    {
        var match = HunkHeader().Match(lines[i].TrimEnd('\r'));
        if (!match.Success)
        {
            return null;
        }

        var oldStart = int.Parse(match.Groups["os"].ValueSpan, CultureInfo.InvariantCulture);
        var oldCount = match.Groups["oc"].Success ? int.Parse(match.Groups["oc"].ValueSpan, CultureInfo.InvariantCulture) : 1;
        var newStart = int.Parse(match.Groups["ns"].ValueSpan, CultureInfo.InvariantCulture);
        var newCount = match.Groups["nc"].Success ? int.Parse(match.Groups["nc"].ValueSpan, CultureInfo.InvariantCulture) : 1;
        var section = match.Groups["s"].Value.Trim();
        var text = new StringBuilder().Append(lines[i]).Append('\n');
        i++;

        var body = new List<DiffLine>();
        int oldLeft = oldCount, newLeft = newCount, oldNo = oldStart, newNo = newStart;
        while (i < count && (oldLeft > 0 || newLeft > 0))
        {
            var raw = lines[i];
            if (raw.StartsWith('\\'))
            {
                text.Append(raw).Append('\n');
                i++;
                continue;
            }

            // Some tools strip the single space of an empty context line.
            var prefix = raw.Length == 0 ? ' ' : raw[0];
            var content = raw.Length == 0 ? "" : raw[1..].TrimEnd('\r');
            if (prefix == ' ' && oldLeft > 0 && newLeft > 0)
            {
                body.Add(new DiffLine(DiffLineKind.Context, content, oldNo++, newNo++));
                oldLeft--;
                newLeft--;
            }
            else if (prefix == '-' && oldLeft > 0)
            {
                body.Add(new DiffLine(DiffLineKind.Removed, content, oldNo++, null));
                oldLeft--;
            }
            else if (prefix == '+' && newLeft > 0)
            {
                body.Add(new DiffLine(DiffLineKind.Added, content, null, newNo++));
                newLeft--;
            }
            else
            {
                break;
            }

            text.Append(raw).Append('\n');
            i++;
        }

        while (i < count && lines[i].StartsWith('\\'))
        {
            text.Append(lines[i]).Append('\n');
            i++;
        }

        return new DiffHunk(oldStart, oldCount, newStart, newCount, section.Length == 0 ? null : section, body, text.ToString());
    }

    /// <summary>The path of a <c>---</c>/<c>+++</c> line, or <see langword="null"/> for <c>/dev/null</c>.</summary>
    private static string? HeaderPath(string value)
    {
        // diff -u appends a tab and a timestamp.
        var tab = value.StartsWith('"') ? -1 : value.IndexOf('\t', StringComparison.Ordinal);
        var path = (tab >= 0 ? value[..tab] : value).TrimEnd();
        return path == DevNull ? null : DecodePath(path);
    }

    /// <summary>Decodes a path of a header line: git's C-style quoting, then the a/ or b/ prefix.</summary>
    internal static string DecodePath(string value)
    {
        var path = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? Unquote(value[1..^1]) : value;
        return StripPrefix(path);
    }

    private static string StripPrefix(string path)
        => path.Length > 2 && (path.StartsWith("a/", StringComparison.Ordinal) || path.StartsWith("b/", StringComparison.Ordinal)) ? path[2..] : path;

    private static (string? Old, string? New) SplitGitHeaderPaths(string rest)
    {
        if (rest.StartsWith('"'))
        {
            var end = ClosingQuote(rest, 0);
            if (end > 0)
            {
                var first = DecodePath(rest[..(end + 1)]);
                var second = rest[(end + 1)..].Trim();
                return (first, second.Length == 0 ? null : DecodePath(second));
            }
        }

        // "a/P b/P": the usual case has the same path on both sides, which makes a split unambiguous even with spaces.
        if ((rest.Length - 1) % 2 == 0)
        {
            var half = (rest.Length - 1) / 2;
            var left = rest[..half];
            var right = rest[(half + 1)..];
            if (rest[half] == ' ' && StripPrefix(left) == StripPrefix(right))
            {
                return (StripPrefix(left), StripPrefix(right));
            }
        }

        var split = rest.IndexOf(" b/", StringComparison.Ordinal);
        if (split > 0)
        {
            return (StripPrefix(rest[..split]), DecodePath(rest[(split + 1)..]));
        }

        return (null, null);
    }

    private static int ClosingQuote(string text, int open)
    {
        for (var j = open + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == '"')
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Undoes git's quoting of unusual paths: backslash escapes and octal bytes of UTF-8.</summary>
    private static string Unquote(string quoted)
    {
        var bytes = new List<byte>(quoted.Length);
        for (var j = 0; j < quoted.Length; j++)
        {
            var c = quoted[j];
            if (c != '\\' || j + 1 >= quoted.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            var next = quoted[++j];
            if (next is >= '0' and <= '7' && j + 2 < quoted.Length)
            {
                bytes.Add(Convert.ToByte(quoted.Substring(j, 3), 8));
                j += 2;
                continue;
            }

            bytes.Add(next switch
            {
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'r' => (byte)'\r',
                'a' => 7,
                'b' => 8,
                'f' => 12,
                'v' => 11,
                _ => (byte)next,
            });
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex(@"^@@ -(?<os>\d+)(?:,(?<oc>\d+))? \+(?<ns>\d+)(?:,(?<nc>\d+))? @@(?<s>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HunkHeader();

    [GeneratedRegex(@"^(?:similarity|dissimilarity) index (\d+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SimilarityLine();
}
