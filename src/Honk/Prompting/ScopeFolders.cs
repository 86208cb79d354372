namespace Honk.Prompting;

/// <summary>Turns a task's allowed paths (globs or plain paths) into the literal folders they point into.</summary>
internal static class ScopeFolders
{
    private static readonly char[] GlobCharacters = ['*', '?', '[', '{'];

    public static IReadOnlyList<string> From(IReadOnlyList<string> allowedPaths, IReadOnlySet<string> files)
    {
        var folders = new List<string>();
        foreach (var raw in allowedPaths)
        {
            var path = raw.Replace('\\', '/').Trim().TrimStart('/');
            path = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).TakeWhile(s => s.IndexOfAny(GlobCharacters) < 0).ToList();
            var literalWhole = segments.Count == path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;

            // "src/Orders/OrderService.cs" names a file: its folder is what is in scope.
            if (literalWhole && segments.Count > 0 && files.Contains(string.Join('/', segments)))
            {
                segments.RemoveAt(segments.Count - 1);
            }

            var folder = string.Join('/', segments);
            if (!folders.Contains(folder))
            {
                folders.Add(folder);
            }
        }

        return folders;
    }
}
