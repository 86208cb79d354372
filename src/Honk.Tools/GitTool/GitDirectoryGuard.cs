namespace Honk.Tools;

/// <summary>
/// Makes sure git will work on the workspace's own repository data and not on something a command planted: git
/// runs outside the sandbox, so a <c>.git</c> file pointing into the workspace could make it read configuration
/// (and run programs) of the model's choosing.
/// </summary>
internal static class GitDirectoryGuard
{
    /// <summary>Checks the workspace's <c>.git</c>.</summary>
    /// <param name="root">The resolved workspace root.</param>
    /// <exception cref="ToolException">The workspace is not a git repository or its <c>.git</c> was tampered with.</exception>
    public static void Check(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        var info = new FileInfo(dotGit);
        if (info.LinkTarget is not null)
        {
            throw new ToolException("git is unavailable: the workspace's .git is a symbolic link, which Honk does not trust.");
        }

        if (Directory.Exists(dotGit))
        {
            return;
        }

        if (!info.Exists)
        {
            throw new ToolException("git is unavailable: the workspace is not a git repository.");
        }

        var line = File.ReadLines(dotGit).FirstOrDefault() ?? "";
        const string Prefix = "gitdir:";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ToolException("git is unavailable: the workspace's .git file is not a git worktree link.");
        }

        var target = line[Prefix.Length..].Trim();
        var full = HostPaths.TryResolve(Path.IsPathRooted(target) ? target : Path.Combine(root, target));
        if (full is null || HostPaths.IsSameOrInside(full, root))
        {
            throw new ToolException("git is unavailable: the workspace's .git file was changed to point inside the workspace.");
        }
    }
}
