using System.Net;
using Honk.Tests.Shared.Browser;
using Microsoft.Playwright;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// samples/03_aspnet against the packed packages: the web app runs on loopback and streams a scripted session as
/// server-sent events, read to the end by a program and watched in Chromium. Needs the packages `.ci/run` packs into
/// artifacts/packages; skipped with a message when they are not there.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed class AspNetSampleTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Samples_AspNet_StreamsASessionAsServerSentEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AspNetSampleApp.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(3) };

        using var response = await client.GetAsync("/sessions/stream", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStringAsync(ct);

        var lines = stream.Split('\n');
        var events = lines.Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l["event: ".Length..]).ToList();
        Assert.Equal("session_started", events[0]);
        Assert.Equal("session_completed", events[^1]);
        Assert.Contains("tool_call", events);
        Assert.Contains("validation", events);
        Assert.Contains("delivery", events);
        var last = lines.Last(l => l.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Contains("\"status\":\"succeeded\"", last, StringComparison.Ordinal);

        // Every event has an id, and a reconnect naming the last one (what a browser's EventSource sends when the
        // stream ends) is told to stop (204) instead of running the task again.
        var ids = lines.Where(l => l.StartsWith("id: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(events.Count, ids.Count);
        using var reconnect = new HttpRequestMessage(HttpMethod.Get, "/sessions/stream");
        reconnect.Headers.Add("Last-Event-ID", ids[^1]["id: ".Length..]);
        using var again = await client.SendAsync(reconnect, ct);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Samples_AspNet_InChromium_ThePageWatchesOneSessionToItsEnd()
    {
        chromium.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AspNetSampleApp.StartAsync(ct);
        await using var context = await chromium.NewDesktopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url + "/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("succeeded");
        var items = page.Locator("#events li");
        await Assertions.Expect(items.First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^session_started: script:"));
        await Assertions.Expect(items.Last).ToHaveTextAsync("session_completed: succeeded");
        Assert.Contains(await items.AllInnerTextsAsync(), t => t.StartsWith("delivery: branch: Created branch", StringComparison.Ordinal));

        // EventSource reconnects a few seconds after a stream ends: the page closed it, so no second session starts.
        await page.WaitForTimeoutAsync(4000);
        Assert.Single(await items.AllInnerTextsAsync(), t => t.StartsWith("session_started", StringComparison.Ordinal));
        var screenshots = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "honk-screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "aspnet-sample.png"), FullPage = true });
    }
}
