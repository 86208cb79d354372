namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// Reads a new worktree's paths from the two files <c>git worktree add</c> writes, instead of starting
/// <c>git rev-parse --show-toplevel --absolute-git-dir</c>: the worktree's <c>.git</c> file (<c>gitdir: &lt;admin
/// folder&gt;</c>) and the admin folder's <c>gitdir</c> file (<c>&lt;work tree&gt;/.git</c>). git writes both with every
/// symbolic link resolved, so they are exactly what <c>rev-parse</c> prints.
/// </summary>
internal static class WorktreeLinks
{
    private const string Prefix = "gitdir: ";

    /// <summary>The work tree's root and its admin folder, or <see langword="null"/> when the files are not as git writes them.</summary>
    /// <param name="folder">The folder just given to <c>git worktree add</c>.</param>
    /// <returns>Both absolute paths, or <see langword="null"/> (the caller asks git).</returns>
    public static (string RootPath, string AdminPath)? TryRead(string folder)
    {
        try
        {
            var link = File.ReadAllText(Path.Combine(folder, ".git")).TrimEnd('\n');
            if (!link.StartsWith(Prefix, StringComparison.Ordinal) || link.Contains('\n', StringComparison.Ordinal))
            {
                return null;
            }

            var adminPath = link[Prefix.Length..];
            if (!Path.IsPathRooted(adminPath) || ReadGitdir(adminPath) is not { } back || Path.GetFileName(back) != ".git")
            {
                return null;
            }

            var rootPath = Path.GetDirectoryName(back)!;

            // The record must be this folder's (the same folder, reached through resolved links), not another one's.
            return Path.GetFileName(rootPath) == Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) && Directory.Exists(rootPath)
                ? (rootPath, adminPath)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The work tree's <c>.git</c> as an admin folder's <c>gitdir</c> file records it (made absolute: git may write it
    /// relative to the admin folder), or <see langword="null"/> when the file is missing, empty, unreadable or not one line.
    /// </summary>
    /// <param name="adminPath">The admin folder (<c>&lt;mirror&gt;/worktrees/&lt;name&gt;</c>).</param>
    /// <returns>The absolute path, or <see langword="null"/>.</returns>
    public static string? ReadGitdir(string adminPath)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(adminPath, "gitdir")).TrimEnd('\r', '\n');
            return text.Length == 0 || text.Contains('\n', StringComparison.Ordinal) ? null : Path.GetFullPath(text, adminPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
