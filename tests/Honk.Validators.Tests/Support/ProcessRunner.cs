using System.Diagnostics;

namespace Honk.Validators.Tests.Support;

/// <summary>Runs a program outside the sandbox (test setup only, e.g. a restore).</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed:\n{text}");
        return text;
    }
}
