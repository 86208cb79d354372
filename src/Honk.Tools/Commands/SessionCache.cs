using System.Collections.Concurrent;

namespace Honk.Tools;

/// <summary>
/// A writable cache folder of one runner (one session's workspace) for package restores: mounted at
/// <see cref="SandboxPath"/> in every command of the runner, so a restore fills it and later builds read it, and
/// thrown away with the runner. The host never reads it, so nothing a session writes there reaches the host's own
/// toolchain caches (which the sandbox shows read-only).
/// </summary>
internal sealed class SessionCache : IDisposable
{
    /// <summary>Where the cache appears inside the sandbox.</summary>
    public const string SandboxPath = "/var/cache/honk";

    private const string MarkerName = ".honk-workspace";
    private static readonly ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);
    private static int _exitHookInstalled;
    private readonly string _workspaceRoot;
    private readonly TimeSpan _deleteWait;
    private readonly Lock _gate = new();
    private string? _hostPath;

    /// <summary>Creates the cache of a runner; the folder is made on first use.</summary>
    /// <param name="workspaceRoot">The runner's workspace (recorded so leftovers of gone workspaces can be swept).</param>
    public SessionCache(string workspaceRoot)
        : this(workspaceRoot, TimeSpan.FromMilliseconds(200))
    {
    }

    /// <summary>Creates the cache of a runner that deletes in process for at most <paramref name="deleteWait"/> when disposed.</summary>
    /// <param name="workspaceRoot">The runner's workspace.</param>
    /// <param name="deleteWait">How long disposing deletes in this process before a detached <c>rm</c> takes over.</param>
    internal SessionCache(string workspaceRoot, TimeSpan deleteWait)
    {
        _workspaceRoot = workspaceRoot;
        _deleteWait = deleteWait;
    }

    /// <summary>The host folder, created (0700) on first use.</summary>
    public string HostPath
    {
        get
        {
            lock (_gate)
            {
                return _hostPath ??= Create();
            }
        }
    }

    /// <summary>The sandbox path of one cache inside the folder, e.g. <c>/var/cache/honk/NUGET_PACKAGES</c>.</summary>
    /// <param name="variable">The environment variable the cache is for.</param>
    /// <returns>The path inside the sandbox.</returns>
    public static string SandboxPathOf(string variable) => SandboxPath + "/" + variable;


    /// <summary>
    /// Deletes the folder: a yarn or npm workspace's cache holds tens of thousands of files, and deleting them kept
    /// <c>honk run</c> from exiting for minutes after it printed its result, so what is not gone quickly is left to a
    /// detached <c>rm</c> (<see cref="FolderRemoval"/>).
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_hostPath is { } path)
            {
                FolderRemoval.Delete(path, _deleteWait);
                Live.TryRemove(path, out _);
                _hostPath = null;
            }
        }
    }

    private string Create()
    {
        var parent = Path.Combine(Path.GetTempPath(), "honk-session-caches");
        Directory.CreateDirectory(parent);
        SweepLeftovers(parent);
        var path = Directory.CreateDirectory(Path.Combine(parent, Guid.NewGuid().ToString("N")[..16])).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Live before the marker exists, and the marker whole or not at all (written aside, then renamed): a sweep that
        // read a half-written marker took its empty or partial path for a gone workspace and deleted a live cache
        // ("bwrap: Can't find source path …/honk-session-caches/…" in a concurrent session's checks).
        Live[path] = 0;
        var written = Path.Combine(path, MarkerName + ".new");
        File.WriteAllText(written, _workspaceRoot);
        File.Move(written, Path.Combine(path, MarkerName));
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var live in Live.Keys)
                {
                    FolderRemoval.Delete(live, TimeSpan.Zero);
                }
            };
        }

        return path;
    }

    /// <summary>Removes caches of workspaces that no longer exist (a runner that was never disposed, a crash).</summary>
    private static void SweepLeftovers(string parent)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            try
            {
                var marker = Path.Combine(folder, MarkerName);
                var owner = File.Exists(marker) ? File.ReadAllText(marker) : null;
                // Only a whole marker (an absolute path) names a workspace; anything else is one still being written.
                if (owner is not null && Path.IsPathFullyQualified(owner) && !Directory.Exists(owner) && !Live.ContainsKey(folder))
                {
                    // Swept later when it cannot be deleted now (its workspace is gone, nothing waits for it).
                    FolderRemoval.TryDelete(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may be sweeping the same folder.
            }
        }
    }
}
