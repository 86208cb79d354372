using System.Diagnostics;
using System.Text.Json;

namespace Honk.Campaigns.Tests;

/// <summary>The real <c>honk</c> program as a child process, the way a user or a script runs it.</summary>
internal static class CliProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Model choices and keys from the developer's shell must not leak into the tests.
        foreach (var name in new[] { "HONK_MODEL", "HONK_JUDGE_MODEL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache");
        return start;
    }

    public static async Task<CliRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        try
        {
            return JsonDocument.Parse(Stdout).RootElement;
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON object ({ex.Message}).\n{this}");
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
