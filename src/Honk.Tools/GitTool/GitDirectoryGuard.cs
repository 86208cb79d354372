using Honk.Git;

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

    /// <summary>
    /// Refuses a work tree holding a repository of its own: git would start a second git inside it (for a gitlink's
    /// status, <c>add</c>, <c>diff</c>, <c>commit -a</c>, <c>--recurse-submodules</c>), and that git reads the nested
    /// repository's configuration, which a command wrote, and runs its filters outside the sandbox.
    /// </summary>
    /// <param name="root">The resolved workspace root.</param>
    /// <exception cref="ToolException">A nested repository exists.</exception>
    public static void CheckNoNestedRepositories(string root)
    {
        var nested = NestedRepositories.Find(root, limit: 5);
        if (nested.Count > 0)
        {
            var first = nested[0];
            throw new ToolException(
                $"git is unavailable while the workspace holds a git repository of its own ({string.Join(", ", nested.Select(n => n + "/.git"))}): "
                + $"Honk does not run git over nested repositories. Remove it (run_command \"rm -rf {first}/.git\") and call git again; "
                + "a nested repository's files are never delivered.");
        }
    }
}
