using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>samples/03_aspnet built against the packed packages and running on a free loopback port, until disposed.</summary>
internal sealed class AspNetSampleApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    private AspNetSampleApp(Process process, string url)
    {
        _process = process;
        Url = url;
        _output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>Builds and starts the sample, returning once it answers; skips the test when the packages are not packed.</summary>
    public static async Task<AspNetSampleApp> StartAsync(CancellationToken ct)
    {
        var root = SampleRuns.RepositoryRoot();
        if (SampleRuns.MissingPackages(root) is { } missing)
        {
            Assert.Skip(missing);
        }

        SampleRuns.DropStalePackages(root);
        var build = await SampleRuns.RunAsync(root, ["build", "samples/03_aspnet"], ct);
        Assert.True(build.ExitCode == 0, $"the sample did not build:\n{build.Output}\n{build.Errors}");

        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--no-build", "--project", "samples/03_aspnet", "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }

        var app = new AspNetSampleApp(Process.Start(start)!, url);
        try
        {
            await app.WaitUntilListeningAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _ = await _output;
        _ = await _errors;
        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Url) };
        var wait = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var home = await client.GetAsync("/", ct);
                if (home.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (!_process.HasExited && wait.Elapsed < TimeSpan.FromMinutes(2))
            {
                // Not listening yet.
            }

            Assert.False(_process.HasExited, "the sample exited before it listened");
            await Task.Delay(200, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
