using System.Diagnostics;

namespace Honk.Benchmarks.Harness;

/// <summary>Runs a program the way a person would from a shell: arguments as given, output read to the end.</summary>
internal static class Proc
{
    public static async Task<ProcResult> RunAsync(string workingDirectory, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool check = false)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var result = new ProcResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        }

        return result;
    }

    public static Task<ProcResult> GitAsync(string workingDirectory, params string[] arguments)
        => RunAsync(workingDirectory, "git", arguments, check: true);
}

/// <summary>A finished process.</summary>
internal sealed record ProcResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Bytes a terminal would have shown (stdout and stderr, UTF-8).</summary>
    public int LogBytes => System.Text.Encoding.UTF8.GetByteCount(StandardOutput) + System.Text.Encoding.UTF8.GetByteCount(StandardError);
}
