using System.Diagnostics;

namespace Honk.Tools;

/// <summary>
/// Deletes a folder of Honk's own (a released worktree, a session's package cache) without keeping anyone waiting: in
/// this process while that is quick (a small repository's worktree goes in milliseconds), otherwise by a detached
/// <c>rm -rf</c> that outlives this process (a worktree with an installed <c>node_modules</c> took 33 s to delete, a
/// yarn workspace's session cache minutes under load). What neither deletes (a killed process) is swept later by its
/// owner (the next acquire of the repository, the next session cache).
/// </summary>
public static class FolderRemoval
{
    /// <summary>How long the run waits for its own deletion before it hands the rest to <c>rm</c>.</summary>
    public static readonly TimeSpan InProcessWait = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Deletes <paramref name="folder"/>, returning after at most about <paramref name="wait"/>. Synchronous, so one
    /// call serves every caller: a <c>Dispose</c>, a process-exit handler and an async end of a run alike (blocking a
    /// thread for at most <paramref name="wait"/>).
    /// </summary>
    /// <param name="folder">A folder of Honk's own (a renamed worktree, a session cache), never the user's.</param>
    /// <param name="wait">How long to delete in this process before starting <c>rm</c>.</param>
    /// <returns>True when the folder was gone before returning; false when <c>rm</c> (or the next acquire) finishes it.</returns>
    public static bool Delete(string folder, TimeSpan wait)
    {
        var deleting = Task.Run(() => TryDelete(folder), CancellationToken.None);
        if (deleting.Wait(wait) && deleting.Result)
        {
            return true;
        }

        HandToRm(folder);
        return false;
    }

    /// <summary>
    /// Still deleting (or failed on something rm may manage): rm deletes the rest while this process goes on or exits.
    /// Both deleting the same tree at once is harmless (rm -f ignores entries already gone).
    /// </summary>
    private static void HandToRm(string folder) => StartDetached("rm", ["-rf", "--one-file-system", "--", folder]);

    /// <summary>Deletes <paramref name="folder"/> in this process now; a folder already gone counts as deleted.</summary>
    /// <param name="folder">A folder of Honk's own.</param>
    /// <returns>False when something in it could not be deleted (in use, no permission): it is left for a later sweep.</returns>
    internal static bool TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts a program that may outlive this process. Its standard streams are pipes closed right away, never this
    /// process's own: a caller reading <c>honk run</c>'s output (a pipe, <c>$(…)</c>) would otherwise wait for it.
    /// </summary>
    private static void StartDetached(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            process?.StandardInput.Close();
            process?.StandardOutput.Close();
            process?.StandardError.Close();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // No rm here: the next acquire deletes the folder.
        }
    }
}
