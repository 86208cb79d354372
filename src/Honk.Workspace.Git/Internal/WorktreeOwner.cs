using System.Diagnostics;
using System.Globalization;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// The <c>.honk-owner</c> file beside a session's worktree folder (outside the tree, so tools never see it): which
/// process on which machine owns the worktree. A worktree whose owner is gone is left over from a crash.
/// </summary>
/// <param name="ProcessId">The owner's process id.</param>
/// <param name="StartTimeUtcTicks">When the owner process started, to tell it from a later process reusing the id.</param>
/// <param name="MachineName">The owner's machine.</param>
internal sealed record WorktreeOwner(int ProcessId, long StartTimeUtcTicks, string MachineName)
{
    /// <summary>The suffix of owner files.</summary>
    public const string FileSuffix = ".honk-owner";

    // Process start times are derived from clock ticks since boot; allow for rounding between two readings.
    private static readonly long StartTimeTolerance = TimeSpan.FromSeconds(2).Ticks;

    /// <summary>The owner record of the current process.</summary>
    public static WorktreeOwner Current { get; } = CreateCurrent();

    /// <summary>Writes the record atomically.</summary>
    /// <param name="path">The owner file.</param>
    public void Write(string path)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"pid={ProcessId}\nstart={StartTimeUtcTicks}\nhost={MachineName}\n"));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads an owner file.</summary>
    /// <param name="path">The owner file.</param>
    /// <returns>The record, or <see langword="null"/> when the file is missing or unreadable.</returns>
    public static WorktreeOwner? TryRead(string path)
    {
        try
        {
            var values = File.ReadAllLines(path)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
            return values.TryGetValue("pid", out var pid) && values.TryGetValue("start", out var start) && values.TryGetValue("host", out var host)
                && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                && long.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new WorktreeOwner(processId, ticks, host)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True unless the owner process is known to be gone.</summary>
    /// <returns>False when the owner ran on this machine and no longer runs.</returns>
    public bool IsAlive()
    {
        if (!string.Equals(MachineName, Environment.MachineName, StringComparison.Ordinal))
        {
            // Another machine sharing the cache folder: its processes cannot be checked from here.
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited)
            {
                return false;
            }

            return Math.Abs(process.StartTime.ToUniversalTime().Ticks - StartTimeUtcTicks) <= StartTimeTolerance;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not ours to inspect: assume it runs.
            return true;
        }
    }

    private static WorktreeOwner CreateCurrent()
    {
        using var process = Process.GetCurrentProcess();
        return new WorktreeOwner(process.Id, process.StartTime.ToUniversalTime().Ticks, Environment.MachineName);
    }
}
