using System.Collections.Concurrent;
using System.Diagnostics;

namespace Honk.Tools;

/// <summary>
/// Finds bubblewrap and checks, once per program path and process, that it can really build the sandbox the runner
/// asks for (some hosts ship <c>bwrap</c> but forbid namespaces).
/// </summary>
internal static class BubblewrapDetector
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<BubblewrapStatus>>> Cache = new(StringComparer.Ordinal);

    /// <summary>Gets the cached status for the configured or PATH-found <c>bwrap</c>.</summary>
    /// <param name="configuredPath">The configured program, or <see langword="null"/> to search PATH.</param>
    /// <returns>The status.</returns>
    public static Task<BubblewrapStatus> DetectAsync(string? configuredPath)
    {
        var path = configuredPath ?? FindOnPath("bwrap");
        if (path is null)
        {
            return Task.FromResult(BubblewrapStatus.Unavailable("bubblewrap (bwrap) is not installed on this host (install the 'bubblewrap' package)"));
        }

        return Cache.GetOrAdd(path, p => new Lazy<Task<BubblewrapStatus>>(() => ProbeAsync(p))).Value;
    }

    /// <summary>Searches the host's PATH for a program.</summary>
    /// <param name="program">The program name.</param>
    /// <returns>The full path, or <see langword="null"/>.</returns>
    public static string? FindOnPath(string program)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var folder in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<BubblewrapStatus> ProbeAsync(string path)
    {
        if (!File.Exists(path))
        {
            return BubblewrapStatus.Unavailable($"bubblewrap was configured at '{path}', which does not exist");
        }

        string[] basic = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session", "--cap-drop", "ALL"];
        var (code, message) = await TryRunAsync(path, [.. basic, "--unshare-user", "--uid", "65534", "--gid", "65534", "--", "/bin/true"]).ConfigureAwait(false);
        if (code == 0)
        {
            return BubblewrapStatus.Available(path, userNamespace: true);
        }

        // Some hosts forbid user namespaces; the sandbox then runs commands as the host user.
        var (plainCode, plainMessage) = await TryRunAsync(path, [.. basic, "--", "/bin/true"]).ConfigureAwait(false);
        return plainCode == 0
            ? BubblewrapStatus.Available(path, userNamespace: false)
            : BubblewrapStatus.Unavailable($"bubblewrap at '{path}' cannot create a sandbox here ({(plainCode is null ? plainMessage : $"exit code {plainCode}: {plainMessage}")}; with a user namespace: {message})");
    }

    private static async Task<(int? ExitCode, string Message)> TryRunAsync(string path, string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = new Process { StartInfo = start };
            await ProcessLauncher.StartAsync(process).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return (process.ExitCode, (await error.ConfigureAwait(false)).Trim());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or OperationCanceledException or IOException)
        {
            return (null, $"could not be started: {e.Message}");
        }
    }
}
