namespace Honk.Tools.Tests.Commands;

internal static class SandboxTestSupport
{
    /// <summary>Skips the calling test when bubblewrap cannot build a sandbox on this machine.</summary>
    public static async Task RequireBubblewrapAsync()
    {
        var reason = await SandboxedCommandRunner.GetUnavailableReasonAsync();
        if (reason is not null)
        {
            Assert.Skip($"bubblewrap is unavailable, so the sandbox cannot be tested here: {reason}");
        }
    }

    /// <summary>Options that point at a bubblewrap that does not exist, to exercise the no-sandbox paths.</summary>
    public static SandboxOptions WithoutBubblewrap(bool allowUnsandboxed) => new()
    {
        BubblewrapPath = "/nonexistent/honk-test/bwrap",
        AllowUnsandboxed = allowUnsandboxed,
    };

    /// <summary>The ids of live processes whose command line contains <paramref name="marker"/>.</summary>
    public static List<int> ProcessesWithMarker(string marker)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllLines(Path.Combine(folder, "status")).FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "";
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !state.Contains("zombie", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>
    /// Waits for processes to disappear (the kernel reaps a killed namespace asynchronously). Returns as soon as none is
    /// left; the limit is generous because only a real leak reaches it, and a loaded machine reaps slowly.
    /// </summary>
    public static async Task<List<int>> LeftoverProcessesAsync(string marker)
    {
        var left = ProcessesWithMarker(marker);
        for (var i = 0; i < 600 && left.Count > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            left = ProcessesWithMarker(marker);
        }

        return left;
    }

    public static string NewMarker() => "honkmark" + Guid.NewGuid().ToString("N")[..12];
}
