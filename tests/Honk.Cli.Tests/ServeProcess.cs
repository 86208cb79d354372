using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Cli.Tests;

/// <summary>A running <c>honk serve</c> child process: started, its address read from its first line, killed on dispose.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServeProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return "\n--- honk serve output ---\n" + _output;
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "HONK_MODEL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_BASE_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_STATE_HOME"] = Path.Combine(workingDirectory, ".state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(output, e.Data, listening);
        process.ErrorDataReceived += (_, e) => Record(output, e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("honk serve exited before it listened."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var served = new ServeProcess(process, output, new Uri("http://127.0.0.1/"));
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            return new ServeProcess(process, output, url);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await served.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"honk serve did not start: {ex.Message}{served.Output}");
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: no shutdown code runs.</summary>
    public void KillNow()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static void Record(StringBuilder output, string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"^Honk is listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
