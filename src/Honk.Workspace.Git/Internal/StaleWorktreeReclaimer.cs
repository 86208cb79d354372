using Honk.Git;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// Removes the worktrees of sessions that died without disposing their workspace (a killed process, a crash), and
/// lets git forget worktrees whose folders are gone. Branches are kept: they may hold work worth delivering.
/// </summary>
internal sealed class StaleWorktreeReclaimer
{
    private readonly GitRunner _git;

    /// <summary>Creates the reclaimer.</summary>
    /// <param name="git">The git runner.</param>
    public StaleWorktreeReclaimer(GitRunner git) => _git = git;

    /// <summary>Reclaims the dead sessions' worktrees of one mirror. Callers hold the mirror's lock.</summary>
    /// <param name="mirrorPath">The mirror.</param>
    /// <param name="worktreesFolder">The folder holding that mirror's session worktrees and owner files.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The worktree folders that were removed.</returns>
    public async Task<IReadOnlyList<string>> ReclaimAsync(string mirrorPath, string worktreesFolder, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        if (Directory.Exists(worktreesFolder))
        {
            foreach (var ownerFile in Directory.EnumerateFiles(worktreesFolder, "*" + WorktreeOwner.FileSuffix))
            {
                var owner = WorktreeOwner.TryRead(ownerFile);
                if (owner is not null && owner.IsAlive())
                {
                    continue;
                }

                var folder = ownerFile[..^WorktreeOwner.FileSuffix.Length];
                await RemoveAsync(mirrorPath, folder, cancellationToken).ConfigureAwait(false);
                FileSystem.DeleteFile(ownerFile);
                removed.Add(folder);
            }

            // A folder without an owner file is the remains of a removal that was interrupted: acquire writes the
            // owner file before it creates the folder, and dispose deletes it only after the folder.
            foreach (var folder in Directory.EnumerateDirectories(worktreesFolder))
            {
                if (folder.EndsWith(TrashSuffix, StringComparison.Ordinal))
                {
                    // git no longer knows it: its files go without the lock and without making this acquire wait
                    // (a released worktree may hold thousands of files; its own process may still be deleting them).
                    _ = Task.Run(() => FileSystem.DeleteDirectory(folder), CancellationToken.None);
                    continue;
                }

                if (!File.Exists(folder + WorktreeOwner.FileSuffix))
                {
                    await RemoveAsync(mirrorPath, folder, cancellationToken).ConfigureAwait(false);
                    removed.Add(folder);
                }
            }
        }

        // `worktree prune` is a git process on every acquire; it has work only when git still records a worktree whose
        // folder is gone (a removal that died half-way, or one made above), which is cheap to see from here.
        if (removed.Count > 0 || HasPrunableWorktrees(mirrorPath))
        {
            await _git.RunAsync(mirrorPath, ["worktree", "prune"], cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>
    /// The suffix of a released worktree's folder: renamed aside (<see cref="ReleaseOwnAsync"/>), no longer a worktree,
    /// only files left to delete. Whoever finds one deletes it.
    /// </summary>
    public const string TrashSuffix = ".honk-removing";

    /// <summary>
    /// Ends a session's own worktree without a git process and without deleting its files: the folder is renamed to
    /// <c>&lt;folder&gt;.honk-removing</c> (one rename, however many files it holds), then git's record of it
    /// (<c>&lt;mirror&gt;/worktrees/&lt;name&gt;</c>) is deleted, which is what <c>worktree remove</c> does besides
    /// deleting. A process that dies in between leaves a record whose folder is gone, which the next acquire prunes;
    /// a renamed folder left behind is deleted by the next acquire of the mirror.
    /// </summary>
    /// <param name="mirrorPath">The mirror.</param>
    /// <param name="folder">The worktree folder.</param>
    /// <param name="adminPath">git's record of the worktree, from <c>rev-parse --absolute-git-dir</c> at acquire.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The renamed folder, for the caller to delete; <see langword="null"/> when the worktree went through
    /// git instead (deleted already).</returns>
    public async Task<string?> ReleaseOwnAsync(string mirrorPath, string folder, string adminPath, CancellationToken cancellationToken)
    {
        // Only a record that is exactly this worktree's, inside this mirror, is deleted by hand; anything else (a
        // moved or repaired worktree) goes through git.
        var trash = folder.TrimEnd(Path.DirectorySeparatorChar) + TrashSuffix;
        if (!IsRecordOf(mirrorPath, folder, adminPath) || !TryMove(folder, trash))
        {
            await RemoveAsync(mirrorPath, folder, cancellationToken).ConfigureAwait(false);
            return null;
        }

        FileSystem.DeleteDirectory(adminPath);
        return trash;
    }

    private static bool TryMove(string folder, string destination)
    {
        try
        {
            Directory.Move(folder, destination);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRecordOf(string mirrorPath, string folder, string adminPath)
    {
        var records = Path.GetFullPath(Path.Combine(mirrorPath, "worktrees")) + Path.DirectorySeparatorChar;
        if (!Path.GetFullPath(adminPath).StartsWith(records, StringComparison.Ordinal))
        {
            return false;
        }

        var gitdir = WorktreeLinks.ReadGitdir(adminPath);
        return gitdir is not null && SamePath(gitdir, Path.Combine(folder, ".git"));
    }

    /// <summary>Whether git records a worktree of this mirror whose folder no longer exists (what prune removes).</summary>
    private static bool HasPrunableWorktrees(string mirrorPath)
    {
        var records = Path.Combine(mirrorPath, "worktrees");
        if (!Directory.Exists(records))
        {
            return false;
        }

        foreach (var record in Directory.EnumerateDirectories(records))
        {
            var gitdir = WorktreeLinks.ReadGitdir(record);
            if (gitdir is null || !File.Exists(gitdir))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SamePath(string a, string b)
        => string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>Removes one worktree: through git when it still knows it, then whatever is left on disk.</summary>
    /// <param name="mirrorPath">The mirror.</param>
    /// <param name="folder">The worktree folder.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the folder is gone (as far as the file system allows).</returns>
    public async Task RemoveAsync(string mirrorPath, string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            // Twice --force: also removes a worktree that is locked or has changes; the session is over either way.
            await _git.RunAsync(mirrorPath, ["worktree", "remove", "--force", "--force", folder], cancellationToken).ConfigureAwait(false);
        }

        FileSystem.DeleteDirectory(folder);
    }
}
