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
                if (!File.Exists(folder + WorktreeOwner.FileSuffix))
                {
                    await RemoveAsync(mirrorPath, folder, cancellationToken).ConfigureAwait(false);
                    removed.Add(folder);
                }
            }
        }

        await _git.RunAsync(mirrorPath, ["worktree", "prune"], cancellationToken).ConfigureAwait(false);
        return removed;
    }

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
