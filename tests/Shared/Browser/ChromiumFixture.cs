using Microsoft.Playwright;

namespace Honk.Tests.Shared.Browser;

/// <summary>
/// One Debian Chromium (not Playwright's download) shared by a test project's browser tests; each test opens its own
/// desktop- or phone-sized context. Linked into every test project that drives pages, so the browser, its flags and the
/// skip message are the same everywhere.
/// </summary>
public class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; the browser tests skip (with this path in the message) when it is not installed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // On a busy 2-core machine a page action behind a button can take far longer than Playwright's 5-second default;
    // the timeouts only bound a hang, they are not the assertion.
    private const int HangLimitMs = 120_000;

    private IPlaywright? _playwright;

    /// <summary>The shared browser; use <see cref="NewPhoneContextAsync"/> or <see cref="NewDesktopContextAsync"/>.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        Assertions.SetDefaultExpectTimeout(HangLimitMs);
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

    /// <summary>A 1280×800 desktop context.</summary>
    public Task<IBrowserContext> NewDesktopContextAsync() => NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

    /// <summary>A 390×844 touch phone context.</summary>
    public Task<IBrowserContext> NewPhoneContextAsync() => NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        RequireChromium();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(HangLimitMs);
        context.SetDefaultNavigationTimeout(HangLimitMs);
        return context;
    }
}
