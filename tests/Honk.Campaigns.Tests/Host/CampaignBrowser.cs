using Microsoft.Playwright;

namespace Honk.Campaigns.Tests.Host;

/// <summary>Debian's Chromium for the campaign page tests (the same browser and flags as the review page's tests).</summary>
public sealed class CampaignBrowser : IAsyncLifetime
{
    /// <summary>Debian's Chromium; the tests skip (with this path in the message) when it is not installed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        // Timeouts bound a hang on a busy machine; they are not the assertion.
        Assertions.SetDefaultExpectTimeout(120_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    public void RequireChromium()
    {
        if (_playwright is null)
        {
            Assert.Skip($"Chromium is not installed at {ChromiumPath} (apt-get install chromium); CI installs it and runs the browser tests.");
        }
    }

    public Task<IBrowserContext> NewDesktopContextAsync() => NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

    public Task<IBrowserContext> NewPhoneContextAsync() => NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        RequireChromium();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }
}
