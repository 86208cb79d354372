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
