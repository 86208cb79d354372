using System.Diagnostics;
using System.Text.Json;

namespace Honk.Campaigns.Tests;

/// <summary>The real <c>honk</c> program as a child process, the way a user or a script runs it.</summary>
internal static class CliProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments) => StartInfo(workingDirectory, null, arguments);

    /// <summary>The program with <paramref name="environment"/> set on top of the cleaned-up environment.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Model choices and keys from the developer's shell must not leak into the tests.
        foreach (var name in new[] { "HONK_MODEL", "HONK_JUDGE_MODEL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache");
        return start;
    }

    public static Task<CliRun> RunAsync(string workingDirectory, params string[] arguments) => RunAsync(workingDirectory, null, arguments);

    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, arguments))!;
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
