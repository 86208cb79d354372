using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Tools.Patching;

/// <summary>
/// Parses a unified diff (as <c>git diff</c> or <c>diff -u</c> write it, or as a model writes it by hand): several
/// files, <c>/dev/null</c> for creations and deletions, <c>rename from/to</c>, <c>a/</c> and <c>b/</c> prefixes,
/// quoted paths, and hunks whose stated line counts are wrong.
/// </summary>
internal static partial class PatchParser
{
    public static List<FilePatch> Parse(string patch)
    {
        var lines = patch.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var files = new List<FilePatch>();
        FilePatch? current = null;
        var gitBlockOpen = false;
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                current = new FilePatch();
                files.Add(current);
                gitBlockOpen = true;
                var match = GitDiffHeader().Match(line);
                if (match.Success)
                {
                    current.OldPath = StripPrefix(Unquote(match.Groups[1].Value), "a/");
                    current.NewPath = StripPrefix(Unquote(match.Groups[2].Value), "b/");
                }

                i++;
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal) && current is not null)
            {
                current.OldPath = Unquote(line["rename from ".Length..]);
                i++;
            }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal) && current is not null)
            {
                current.NewPath = Unquote(line["rename to ".Length..]);
                i++;
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                // A block opened by "diff --git" gets its paths here; a plain diff starts a new file here.
                if (!gitBlockOpen || current is null)
                {
                    current = new FilePatch();
                    files.Add(current);
                }

                gitBlockOpen = false;

                current.OldPath = HeaderPath(line[4..], "a/");
                current.NewPath = HeaderPath(lines[i + 1][4..], "b/");
                i += 2;
            }
            else if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                if (current is null)
                {
                    throw new PatchException($"the patch has a hunk ('{line}') before any '--- a/path' and '+++ b/path' header lines.");
                }

                gitBlockOpen = false;
                current.Hunks.Add(ParseHunk(lines, ref i, current.Hunks.Count + 1, current.DisplayName));
            }
            else if (line.StartsWith("GIT binary patch", StringComparison.Ordinal) || (line.StartsWith("Binary files ", StringComparison.Ordinal) && line.EndsWith(" differ", StringComparison.Ordinal)))
            {
                throw new PatchException($"{current?.DisplayName ?? "the patch"}: binary patches are not supported; apply_patch changes text files only.");
            }
            else if (gitBlockOpen && current is not null && line.StartsWith("new file mode", StringComparison.Ordinal))
            {
                current.OldPath = null;
                i++;
            }
            else if (gitBlockOpen && current is not null && line.StartsWith("deleted file mode", StringComparison.Ordinal))
            {
                current.NewPath = null;
                i++;
            }
            else
            {
                // index, similarity, mode lines, and any prose around the diff.
                i++;
            }
        }

        if (files.Count == 0)
        {
            throw new PatchException("no file changes were found. Write a unified diff: '--- a/path', '+++ b/path', then '@@ -start,count +start,count @@' hunks whose lines start with ' ', '-' or '+'.");
        }

        return files;
    }

    private static Hunk ParseHunk(string[] lines, ref int i, int number, string file)
    {
        var header = lines[i];
        var match = HunkHeader().Match(header);
        if (!match.Success)
        {
            throw new PatchException($"{file}, hunk {number}: the header '{header}' is not '@@ -start,count +start,count @@'.");
        }

        var hunk = new Hunk
        {
            OldStart = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            OldCount = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1,
            NewStart = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture),
            NewCount = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 1,
            Header = header,
        };
        i++;
        int oldSeen = 0, newSeen = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var countsMet = oldSeen >= hunk.OldCount && newSeen >= hunk.NewCount;
            if (IsHeader(lines, i) || (countsMet && line.Length == 0))
            {
                break;
            }

            if (line.StartsWith('\\'))
            {
                var previous = hunk.Lines.Count > 0 ? hunk.Lines[^1].Kind : ' ';
                hunk.OldEndsWithoutNewline |= previous != '+';
                hunk.NewEndsWithoutNewline |= previous != '-';
                i++;
                continue;
            }

            // Models often drop the space that marks an empty context line.
            var kind = line.Length == 0 ? ' ' : line[0];
            if (kind is not (' ' or '-' or '+'))
            {
                if (countsMet)
                {
                    break;
                }

                throw new PatchException($"{file}, hunk {number} ({header}): the line '{Shorten(line)}' does not start with ' ', '-' or '+'. Every hunk line needs one of those markers (a space for unchanged lines).");
            }

            hunk.Lines.Add(new HunkLine(kind, line.Length == 0 ? "" : line[1..]));
            oldSeen += kind == '+' ? 0 : 1;
            newSeen += kind == '-' ? 0 : 1;
            i++;
        }

        if (hunk.Lines.Count == 0)
        {
            throw new PatchException($"{file}, hunk {number} ({header}) has no lines.");
        }

        return hunk;
    }

    private static bool IsHeader(string[] lines, int i)
        => lines[i].StartsWith("@@", StringComparison.Ordinal)
            || lines[i].StartsWith("diff --git ", StringComparison.Ordinal)
            || (lines[i].StartsWith("--- ", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal));

    private static string? HeaderPath(string text, string prefix)
    {
        // "--- a/file.cs\t2024-01-01 10:00:00" (diff -u adds a timestamp after a tab).
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        var path = Unquote((tab >= 0 ? text[..tab] : text).TrimEnd());
        return path == "/dev/null" ? null : StripPrefix(path, prefix);
    }

    private static string StripPrefix(string path, string prefix)
        => path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    private static string Unquote(string path)
    {
        if (path.Length < 2 || path[0] != '"' || path[^1] != '"')
        {
            return path;
        }

        var bytes = new List<byte>();
        for (var i = 1; i < path.Length - 1; i++)
        {
            if (path[i] != '\\' || i + 1 >= path.Length - 1)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(path[i].ToString()));
                continue;
            }

            var next = path[++i];
            if (next is >= '0' and <= '7' && i + 2 < path.Length - 1)
            {
                bytes.Add(Convert.ToByte(path.Substring(i, 3), 8));
                i += 2;
                continue;
            }

            bytes.Add(next switch { 'n' => (byte)'\n', 't' => (byte)'\t', 'r' => (byte)'\r', _ => (byte)next });
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";

    [GeneratedRegex(@"^@@+ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@+", RegexOptions.CultureInvariant)]
    private static partial Regex HunkHeader();

    [GeneratedRegex(@"^diff --git (""(?:[^""\\]|\\.)*""|\S+) (""(?:[^""\\]|\\.)*""|\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GitDiffHeader();
}
