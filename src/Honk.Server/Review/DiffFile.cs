namespace Honk.Server;

/// <summary>One file of a unified diff: its path and its lines (hunk headers included).</summary>
internal sealed record DiffFile(string Path, IReadOnlyList<string> Lines)
{
    public int Added => Lines.Count(l => l.StartsWith('+'));

    public int Removed => Lines.Count(l => l.StartsWith('-'));

    public static IReadOnlyList<DiffFile> Parse(string diff)
    {
        var files = new List<DiffFile>();
        string? path = null;
        List<string>? lines = null;
        var inHunk = false;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Flush();
                var b = line.LastIndexOf(" b/", StringComparison.Ordinal);
                path = b > 0 ? line[(b + 3)..] : line[11..];
                lines = [];
                inHunk = false;
            }
            else if (lines is not null && line.StartsWith("@@", StringComparison.Ordinal))
            {
                inHunk = true;
                lines.Add(line);
            }
            else if (lines is not null && inHunk && (line.Length == 0 || line[0] is '+' or '-' or ' ' or '\\'))
            {
                lines.Add(line);
            }
            else if (lines is not null && line.StartsWith("Binary files", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        Flush();
        return files;

        void Flush()
        {
            if (path is not null && lines is not null)
            {
                while (lines.Count > 0 && lines[^1].Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1);
                }

                files.Add(new DiffFile(path, lines));
            }
        }
    }
}
