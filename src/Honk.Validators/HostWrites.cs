using Honk.UnixFiles;

namespace Honk.Validators;

/// <summary>
/// Writes (and reads back) Honk makes on the host in a workspace after the sandboxed commands ran there: those commands
/// (the model's, the repository's checks, an install script) can plant a symbolic link on the way to make the write land
/// outside the workspace, or put a FIFO or a link to <c>/dev/zero</c> where Honk reads its own file back, which would
/// block or never end (ADR 0036, 0039). git never names a path through a link, and Honk's own files are never links.
/// </summary>
internal static class HostWrites
{
    /// <summary>
    /// Removes the first symbolic link on the way from <paramref name="root"/> to <paramref name="relativePath"/>
    /// (the path itself included); what follows it is then gone with it, and the write makes real folders again.
    /// </summary>
    public static void RemoveLinksOnTheWay(string root, string relativePath)
    {
        var path = root;
        foreach (var part in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(path, part);
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info.Delete();
                return;
            }

            if (!Directory.Exists(path))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Creates the folder <paramref name="relativePath"/> under <paramref name="root"/> in real folders only: a link on the
    /// way is removed first, so nothing is created at its target.
    /// </summary>
    /// <returns>The folder's absolute path.</returns>
    public static string CreateFolder(string root, string relativePath)
    {
        RemoveLinksOnTheWay(root, relativePath);
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Writes Honk's own file <paramref name="relativePath"/> under <paramref name="root"/>: links on the way (the file
    /// itself included) are removed and a FIFO, socket or device in its place is deleted, so the write neither lands
    /// outside nor blocks.
    /// </summary>
    public static void WriteFile(string root, string relativePath, string contents)
    {
        RemoveLinksOnTheWay(root, relativePath);
        var path = Path.Combine(root, relativePath);
        if (UnixFileStatus.TryGet(path) is { Kind: not UnixFileKind.Regular and not UnixFileKind.Directory })
        {
            File.Delete(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
    }

    /// <summary>
    /// Whether <paramref name="relativePath"/> under <paramref name="root"/> is a folder reached through real folders
    /// only (no link on the way, the folder itself included).
    /// </summary>
    public static bool IsRealFolder(string root, string relativePath)
    {
        var path = root;
        foreach (var part in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(path, part);
            if (UnixFileStatus.TryGet(path) is not { Kind: UnixFileKind.Directory })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is a regular file itself, not a link, FIFO, socket or device: only such a file is
    /// read on the host (a FIFO blocks the reader, <c>/dev/zero</c> never ends).
    /// </summary>
    public static bool IsRegularFile(string path) => UnixFileStatus.TryGet(path) is { Kind: UnixFileKind.Regular };

    /// <summary>
    /// Reads Honk's own small file back: <see langword="null"/> when it is missing, not a regular file (see
    /// <see cref="IsRegularFile"/>) or longer than <paramref name="maxBytes"/>.
    /// </summary>
    public static string? ReadOwnFile(string path, int maxBytes)
        => IsRegularFile(path) && new FileInfo(path).Length <= maxBytes ? File.ReadAllText(path) : null;
}
