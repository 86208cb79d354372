namespace Honk.Server;

/// <summary>Resolves a path the way the kernel will: every symbolic link in every component followed.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The fully resolved path, or null when some component does not exist or the links loop.</summary>
    public static string? Resolve(string path)
    {
        var pending = new Stack<string>(Components(Path.GetFullPath(path)).Reverse());
        var resolved = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var next = Path.Combine(resolved, pending.Pop());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
            {
                return null;
            }

            if (info.LinkTarget is not { } target)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // Replace the link by its target and walk the target's components too (they may hold links of their own).
            var absolute = Path.GetFullPath(target, resolved);
            foreach (var part in Components(absolute).Reverse())
            {
                pending.Push(part);
            }

            resolved = Path.GetPathRoot(absolute) ?? "/";
        }

        return resolved;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both already resolved).</summary>
    public static bool IsUnder(string path, string root)
    {
        var trimmed = root.Length > 1 ? root.TrimEnd(Path.DirectorySeparatorChar) : root;
        return path.Equals(trimmed, StringComparison.Ordinal)
            || path.StartsWith(trimmed.EndsWith(Path.DirectorySeparatorChar) ? trimmed : trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string[] Components(string fullPath)
        => fullPath[(Path.GetPathRoot(fullPath)?.Length ?? 0)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
