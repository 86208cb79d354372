namespace Honk.Validators;

/// <summary>
/// Writes Honk makes on the host in a workspace after the sandboxed commands ran there: those commands (the model's,
/// the repository's checks) can plant a symbolic link on the way to make the write land outside the workspace
/// (ADR 0036). git never names a path through a link, and Honk's own files are never links, so such a link goes.
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
}
