using System.Diagnostics;
using System.Globalization;

namespace Honk.Tools;

/// <summary>
/// A throw-away pids cgroup that caps how many processes one command may have. Root ignores <c>ulimit -u</c>, so
/// this is what really stops a fork bomb when the host runs as root; it also lets the runner kill every process of
/// the command, even ones that left its process tree.
/// </summary>
internal sealed class PidsCgroup : IDisposable
{
    private const string V1Root = "/sys/fs/cgroup/pids";
    private const string V2Root = "/sys/fs/cgroup";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PidsCgroup, byte> Live = new();
    private static int _exitHookInstalled;

    private PidsCgroup(string path)
    {
        DirectoryPath = path;
    }

    /// <summary>The cgroup's folder.</summary>
    public string DirectoryPath { get; }

    /// <summary>The file a process writes its pid into to join the cgroup.</summary>
    public string ProcsFile => Path.Combine(DirectoryPath, "cgroup.procs");

    /// <summary>Creates a cgroup limited to <paramref name="maxProcesses"/>, or returns null when the host does not allow it.</summary>
    /// <param name="maxProcesses">The limit.</param>
    /// <returns>The cgroup, or <see langword="null"/>.</returns>
    public static PidsCgroup? TryCreate(int maxProcesses)
    {
        var root = File.Exists(Path.Combine(V1Root, "cgroup.procs")) ? V1Root
            : IsV2WithPids() ? V2Root
            : null;
        if (root is null)
        {
            return null;
        }

        var path = Path.Combine(root, "honk-" + Guid.NewGuid().ToString("N")[..16]);
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "pids.max"), maxProcesses.ToString(CultureInfo.InvariantCulture));
            var cgroup = new PidsCgroup(path);
            Live[cgroup] = 0;
            if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
            {
                // A host that exits in order leaves no command running and no cgroup behind (a killed host relies on
                // bubblewrap's --die-with-parent, whose parent thread dies with it).
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    foreach (var live in Live.Keys)
                    {
                        live.Dispose();
                    }
                };
            }

            return cgroup;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryRemove(path);
            return null;
        }
    }

    /// <summary>Kills every process in the cgroup.</summary>
    public void KillAll()
    {
        var kill = Path.Combine(DirectoryPath, "cgroup.kill");
        if (File.Exists(kill))
        {
            try
            {
                File.WriteAllText(kill, "1");
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Fall through to killing one by one.
            }
        }

        // A fork bomb refills the list while we kill; a few sweeps win because the cgroup caps its size.
        for (var sweep = 0; sweep < 50; sweep++)
        {
            var pids = ReadPids();
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }
    }

    /// <summary>Kills what is left and removes the cgroup.</summary>
    public void Dispose()
    {
        Live.TryRemove(this, out _);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (ReadPids().Count > 0)
            {
                KillAll();
            }

            if (TryRemove(DirectoryPath))
            {
                return;
            }

            Thread.Sleep(25);
        }
    }

    private List<int> ReadPids()
    {
        try
        {
            return File.ReadAllLines(ProcsFile)
                .Select(line => int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 0)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsV2WithPids()
    {
        try
        {
            var controllers = Path.Combine(V2Root, "cgroup.subtree_control");
            return File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("pids");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryRemove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                // A cgroup folder is removed with rmdir even though it lists files.
                Directory.Delete(path, recursive: false);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
