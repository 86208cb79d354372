using System.Text.RegularExpressions;
using Honk.Hosting;
using Microsoft.Playwright;

namespace Honk.Server.Tests.Planning;

/// <summary>
/// The planning page in Chromium, at phone size and on a desktop, on the real host with scripted models: a one-line
/// request, the planner's question answered on the page, the draft edited (a mistake shown with its line, then fixed)
/// and Start, which links the started session's review page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-plan-page-").FullName;

    [Fact]
    public async Task OnAPhone_ARequestIsPlannedAnsweredEditedAndStarted()
    {
        browser.RequireChromium();
        await using var context = await browser.NewPhoneContextAsync();
        await PlanAndStartAsync(context, "plan-phone.png", maxWidth: 390);
    }

    [Fact]
    public async Task OnADesktop_ARequestIsPlannedAnsweredEditedAndStarted()
    {
        browser.RequireChromium();
        await using var context = await browser.NewDesktopContextAsync();
        await PlanAndStartAsync(context, "plan-desktop.png", maxWidth: 1280);
    }

    private async Task PlanAndStartAsync(IBrowserContext context, string screenshot, int maxWidth)
    {
        var planner = PlanningKit.WritePlannerScript(_data);
        var session = PlanningKit.WriteSessionScript(_data);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => session, configureServer: o => o.PlanningModel = "script:" + planner);
        var login = new ReviewLinks(RealHostApp.LinkKey).CreateLoginToken("slack:U_LEAD", TimeSpan.FromHours(1));

        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, "review/login?t=" + Uri.EscapeDataString(login)).ToString());
        await page.GotoAsync(new Uri(app.BaseUrl, "review/plan").ToString());
        await page.Locator("#plan-repository").FillAsync("shop");
        await page.Locator("#plan-request").FillAsync(PlanningKit.Request);
        await page.Locator("#plan-begin").ClickAsync();

        // The page refreshes by itself while the planner reads; its question appears.
        await Assertions.Expect(page.Locator("#plan-question")).ToHaveTextAsync(PlanningKit.Question);
        await page.Locator("#plan-answer").FillAsync(PlanningKit.Answer);
        await page.Locator("#plan-send-answer").ClickAsync();

        await Assertions.Expect(page.Locator("#plan-draft")).ToHaveValueAsync(new Regex("a null cart costs 0"));
        await Assertions.Expect(page.Locator(".plan-questions")).ToContainTextAsync(PlanningKit.Answer);

        // A mistake typed into the draft: shown with its line, the edit kept; nothing starts.
        var draft = await page.Locator("#plan-draft").InputValueAsync();
        await page.Locator("#plan-draft").FillAsync(draft.Replace("allowed_paths: [src/Cart.cs]", "allowed_paths: [src/Cart.cs]\nbudget: lots", StringComparison.Ordinal));
        await page.Locator("#plan-start").ClickAsync();
        await Assertions.Expect(page.Locator("#plan-problems")).ToContainTextAsync("task.md:4");
        await Assertions.Expect(page.Locator("#plan-draft")).ToHaveValueAsync(new Regex("budget: lots"));
        Assert.Empty(await app.Host.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= maxWidth, $"page is {width}px wide at a {maxWidth}px viewport");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor(screenshot), FullPage = true });

        // Fixed and started: the page links the session's review page.
        await page.Locator("#plan-draft").FillAsync(draft.Replace("title: Total handles null items", "title: Total handles a null cart", StringComparison.Ordinal));
        await page.Locator("#plan-start").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Started.");
        await page.Locator("#plan-review-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Total handles a null cart");

        var id = Assert.Single(await app.Host.ListAsync(cancellationToken: TestContext.Current.CancellationToken)).Id;
        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        Assert.Equal("slack:U_LEAD", record.Request.Requester);
        Assert.Contains("a null cart costs 0", record.Request.Task.Goal, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
