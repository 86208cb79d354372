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

        // On a busy 2-core machine a merge behind a button can take far longer than Playwright's 5-second default;
        // the timeouts only bound a hang, they are not the assertion.
        Assertions.SetDefaultExpectTimeout(60_000);
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

    public async Task<IBrowserContext> NewPhoneContextAsync()
    {
        RequireChromium();
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
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
