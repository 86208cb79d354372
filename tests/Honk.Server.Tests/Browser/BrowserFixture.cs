using Microsoft.Playwright;

namespace Honk.Server.Tests;

/// <summary>One Chromium (Debian's, not Playwright's download) shared by the browser tests; each test opens its own phone-sized context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Debian's Chromium; the browser tests skip (with this path in the message) when it is not installed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>Skips the calling test, with a message saying what to install, when Chromium is not installed.</summary>
    public void RequireChromium()
    {
        if (_playwright is null)
        {
            Assert.Skip($"Chromium is not installed at {ChromiumPath} (apt-get install chromium); CI installs it and runs the browser tests.");
        }
    }

    public Task<IBrowserContext> NewPhoneContextAsync()
    {
        RequireChromium();
        return Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
