namespace Honk.Git;

/// <summary>Parses git's NUL-separated (<c>-z</c>) machine output.</summary>
public static class GitOutputParser
{
    /// <summary>
    /// The paths of <c>git diff --name-status -z</c>: every changed path; both sides of a rename or copy.
    /// </summary>
    /// <param name="output">The command's output.</param>
    /// <returns>Distinct paths, sorted ordinally.</returns>
    public static IReadOnlyList<string> ParseNameStatus(string output)
    {
        var fields = output.Split('\0');
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var index = 0;
        while (index < fields.Length)
        {
            var status = fields[index++];
            if (status.Length == 0)
            {
                continue;
            }

            var pathCount = status[0] is 'R' or 'C' ? 2 : 1;
            for (var i = 0; i < pathCount && index < fields.Length; i++)
            {
                paths.Add(fields[index++]);
            }
        }

        return [.. paths];
    }

    /// <summary>
    /// Splits the output of <c>git diff --raw -p -z</c> (the raw records, then an empty field, then the patch) into
    /// the changed paths (both sides of a rename or copy, as <see cref="ParseNameStatus"/>) and the patch text, which
    /// is byte for byte what the same diff prints with <c>-p</c> alone.
    /// </summary>
    /// <param name="output">The command's output.</param>
    /// <returns>Distinct paths, sorted ordinally, and the patch (empty when nothing changed).</returns>
    /// <exception cref="FormatException">The output is not raw records followed by a patch.</exception>
    public static (IReadOnlyList<string> Paths, string Patch) ParseRawAndPatch(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var position = 0;
        while (position < output.Length)
        {
            var field = NextField(output, ref position);
            if (field.Length == 0)
            {
                // The separator between the raw records and the patch.
                return ([.. paths], output[position..]);
            }

            // ":100644 100644 <sha> <sha> M" (R and C carry a score, e.g. R100, and two paths).
            var status = field[(field.LastIndexOf(' ') + 1)..];
            if (field[0] != ':' || status.Length == 0 || position >= output.Length)
            {
                throw new FormatException($"Unexpected record in git's raw diff output: '{field}'.");
            }

            var pathCount = status[0] is 'R' or 'C' ? 2 : 1;
            for (var i = 0; i < pathCount; i++)
            {
                paths.Add(NextField(output, ref position));
            }
        }

        return ([.. paths], "");
    }

    private static string NextField(string output, ref int position)
    {
        var end = output.IndexOf('\0', position);
        if (end < 0)
        {
            end = output.Length;
        }

        var field = output[position..end];
        position = Math.Min(end + 1, output.Length);
        return field;
    }

    /// <summary>The paths named by <c>git status --porcelain=v2 -z</c> (changed, renamed, unmerged, untracked).</summary>
    /// <param name="output">The command's output.</param>
    /// <returns>The paths in output order.</returns>
    public static IReadOnlyList<string> ParseStatusPaths(string output)
    {
        var records = output.Split('\0');
        var paths = new List<string>();
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (record.Length < 2)
            {
                continue;
            }

            switch (record[0])
            {
                case '1':
                    AddField(paths, record, 8);
                    break;
                case '2':
                    AddField(paths, record, 9);
                    i++; // the original path of the rename follows as its own record
                    break;
                case 'u':
                    AddField(paths, record, 10);
                    break;
                case '?':
                    paths.Add(record[2..]);
                    break;
                default:
                    break;
            }
        }

        return paths;
    }

    private static void AddField(List<string> paths, string record, int pathIndex)
    {
        var parts = record.Split(' ', pathIndex + 1);
        if (parts.Length == pathIndex + 1)
        {
            paths.Add(parts[pathIndex]);
        }
    }
}
