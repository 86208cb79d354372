using System.Globalization;
using System.Runtime.InteropServices;

namespace Honk.Benchmarks.Harness;

/// <summary>What the figures were measured on, printed at the start and end of every suite (the machine is shared).</summary>
internal static class Machine
{
    public static async Task PrintAsync(string when)
    {
        var uptime = await Proc.RunAsync("/", "uptime", []).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{when}] {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load:{uptime.StandardOutput.Trim().Split("load average:").Last()}"));
    }

    public static string TempRoot
    {
        get
        {
            var root = Path.Combine(Path.GetTempPath(), "honk-bench");
            Directory.CreateDirectory(root);
            return root;
        }
    }
}
