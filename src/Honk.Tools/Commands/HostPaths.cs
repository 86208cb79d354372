namespace Honk.Tools;

/// <summary>Resolves host paths the way the kernel will see them when bubblewrap mounts over them.</summary>
internal static class HostPaths
{
    private const int MaxSymbolicLinks = 40;

    /// <summary>Resolves every symbolic link in an absolute path (like realpath(3)).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The resolved path, or <see langword="null"/> when it does not exist.</returns>
    public static string? TryResolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxSymbolicLinks)
                {
                    return null;
                }

                foreach (var targetPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(targetPart);
                }

                if (target.StartsWith('/'))
                {
                    current = "/";
                }

                continue;
            }

            if (!info.Exists && !Directory.Exists(next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    /// <param name="path">A resolved absolute path.</param>
    /// <param name="folder">A resolved absolute folder.</param>
    /// <returns>Whether the path is inside the folder.</returns>
    public static bool IsSameOrInside(string path, string folder)
        => folder == "/"
           || string.Equals(path, folder, StringComparison.Ordinal)
           || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
}
