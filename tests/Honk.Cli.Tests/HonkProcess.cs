using System.Diagnostics;
using System.Text.Json;

namespace Honk.Cli.Tests;

/// <summary>Runs the real <c>honk</c> program as a child process, the way a user or a script does.</summary>
internal static class HonkProcess
{
    public static Task<HonkRun> RunAsync(string workingDirectory, IDictionary<string, string?>? environment, params string[] arguments)
        => RunAsync(TimeSpan.FromMinutes(3), workingDirectory, environment, arguments);

    public static async Task<HonkRun> RunAsync(TimeSpan timeout, string workingDirectory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keys and model choices from the developer's shell must not leak into the tests.
        foreach (var name in new[] { "HONK_MODEL", "HONK_JUDGE_MODEL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_COMPATIBLE_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Left running, honk keeps writing into the folder the test deletes next, and the test reports that failed
            // delete instead of the hang: stop it and say what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"honk {string.Join(' ', arguments)} did not exit within {timeout}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new HonkRun(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record HonkRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        try
        {
            return JsonDocument.Parse(Stdout).RootElement;
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON object ({ex.Message}).\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
