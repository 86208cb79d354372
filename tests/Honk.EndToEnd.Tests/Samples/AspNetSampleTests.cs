using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// samples/03_aspnet against the packed packages: the web app runs on loopback and streams a scripted session as
/// server-sent events, which this test reads to the end. Needs the packages `.ci/run` packs into artifacts/packages;
/// skipped with a message when they are not there.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed class AspNetSampleTests
{
    [Fact]
    public async Task Samples_AspNet_StreamsASessionAsServerSentEvents()
    {
        var ct = TestContext.Current.CancellationToken;
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

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(ct);
        var errors = app.StandardError.ReadToEndAsync(ct);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(3) };
            await WaitUntilListeningAsync(client, app, ct);

            using var response = await client.GetAsync("/sessions/stream", HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = await response.Content.ReadAsStringAsync(ct);

            var events = stream.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l["event: ".Length..]).ToList();
            Assert.Equal("session_started", events[0]);
            Assert.Equal("session_completed", events[^1]);
            Assert.Contains("tool_call", events);
            Assert.Contains("validation", events);
            Assert.Contains("delivery", events);
            var last = stream.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal));
            Assert.Contains("\"status\":\"succeeded\"", last, StringComparison.Ordinal);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(CancellationToken.None);
        }

        _ = await output;
        _ = await errors;
    }

    private static async Task WaitUntilListeningAsync(HttpClient client, Process app, CancellationToken ct)
    {
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
            catch (HttpRequestException) when (!app.HasExited && wait.Elapsed < TimeSpan.FromMinutes(2))
            {
                // Not listening yet.
            }

            Assert.False(app.HasExited, "the sample exited before it listened");
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
