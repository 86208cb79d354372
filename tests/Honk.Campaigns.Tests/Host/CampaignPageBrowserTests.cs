using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests.Host;

/// <summary>
/// The campaign page in Chromium, at desktop and phone sizes, on the real host with real sessions: the burndown, the
/// per-repository table with links to each session's review page, and the bulk actions — only for an approver.
/// </summary>
public sealed class CampaignPageBrowserTests(CampaignBrowser browser) : IClassFixture<CampaignBrowser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CampaignPage_DesktopAndPhone_ShowsBurndownAndRepositories_ApproverApprovesNextWave()
    {
        browser.RequireChromium();
        await using var fleet = await Fleet.CreateAsync([Qualifies, NotApplicable, Breaks], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);
        var (_, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: CampaignHostApp.CampaignFileText(3, "approval: true\ndelivery: branch")));
        var id = json.GetProperty("campaign").GetString()!;
        await app.WaitForAsync(id, CampaignStatus.Paused);

        // The requester's own link shows the campaign but no buttons: approving is someone else's.
        await using var desktop = await browser.NewDesktopContextAsync();
        var own = await desktop.NewPageAsync();
        await own.GotoAsync(json.GetProperty("pageUrl").GetString()!);
        await Assertions.Expect(own.Locator("#campaign-status")).ToHaveTextAsync("paused");
        await Assertions.Expect(own.Locator(".bulk button")).ToHaveCountAsync(0);

        // A forged or missing token opens nothing.
        var forged = await desktop.NewPageAsync();
        var refused = await forged.GotoAsync(app.BaseUrl + $"review/campaigns/{id}?t=x.1.y");
        Assert.Equal(404, refused!.Status);

        // Desktop, for an approver: the burndown, one row per repository, and the buttons that fit a paused campaign.
        var page = await desktop.NewPageAsync();
        await page.GotoAsync(app.PageLink(id, CampaignHostApp.Reviewer).ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Client v2");
        await Assertions.Expect(page.Locator("#waves tr[data-wave]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#burndown rect.ok")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#repositories tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#repositories tbody tr").First.Locator(".badge")).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator("#approve")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cancel")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("campaign-desktop-paused.png"), FullPage = true });

        // The canary's row links to its session's review page, which opens with the same person's signed link.
        await page.Locator("#repositories tbody tr").First.Locator("a.review").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review/" + Regex.Escape(id) + "-r0000\\?t="));
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");

        // Phone: the same page fits the screen; the approver taps "Approve next wave" and the campaign completes.
        await using var phone = await browser.NewPhoneContextAsync();
        var mobile = await phone.NewPageAsync();
        await mobile.GotoAsync(app.PageLink(id, CampaignHostApp.Reviewer).ToString());
        var width = await mobile.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide at a 390px viewport");
        await mobile.ScreenshotAsync(new() { Path = ScreenshotPath("campaign-phone-paused.png"), FullPage = true });
        await mobile.Locator("#approve").TapAsync();
        await Assertions.Expect(mobile.Locator(".notice")).ToHaveTextAsync("Next wave approved.");
        var done = await app.WaitForAsync(id, CampaignStatus.Completed);
        await mobile.ReloadAsync();
        await Assertions.Expect(mobile.Locator("#campaign-status")).ToHaveTextAsync("completed");
        await Assertions.Expect(mobile.Locator("#repositories a.review")).ToHaveCountAsync(3);
        await Assertions.Expect(mobile.Locator("#retry")).ToBeVisibleAsync();
        await mobile.ScreenshotAsync(new() { Path = ScreenshotPath("campaign-phone-completed.png"), FullPage = true });
        Assert.Equal(["succeeded", "no_changes"], done.Repositories.Take(2).Select(r => r.Status));
    }

    [Fact]
    public async Task CampaignPage_OnAPhone_FollowsTheCampaignWithoutReloading()
    {
        browser.RequireChromium();
        await using var fleet = await Fleet.CreateAsync([Qualifies, NotApplicable, Qualifies], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);
        var (_, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: CampaignHostApp.CampaignFileText(3, "approval: true\ndelivery: branch")));
        var id = json.GetProperty("campaign").GetString()!;
        await app.WaitForAsync(id, CampaignStatus.Paused);

        await using var phone = await browser.NewPhoneContextAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(app.PageLink(id, CampaignHostApp.Reviewer).ToString());
        var second = page.Locator("#repositories tbody tr").Nth(1);
        await Assertions.Expect(second).ToHaveAttributeAsync("data-status", "pending");
        await Assertions.Expect(page.Locator("#campaign-status")).ToHaveTextAsync("paused");

        // From here on, any navigation (a reload included) would be counted, and would wipe this marker.
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.EvaluateAsync("() => { window.honkNoReload = 'still here'; }");

        // Someone else approves the next wave over the API; the open page follows without being reloaded.
        var (approved, _) = await app.SendAsync(app.Api(HttpMethod.Post, $"api/campaigns/{id}/approve", CampaignHostApp.ApproverKey));
        Assert.True(approved.IsSuccessStatusCode, $"approve answered {(int)approved.StatusCode}");
        var hangLimit = new LocatorAssertionsToHaveAttributeOptions { Timeout = 180_000 };
        await Assertions.Expect(second).ToHaveAttributeAsync("data-status", "no_changes", hangLimit);
        await Assertions.Expect(page.Locator("#campaign-status")).ToHaveTextAsync("completed", new() { Timeout = 180_000 });
        await Assertions.Expect(second.Locator(".badge")).ToHaveTextAsync("no changes");
        await Assertions.Expect(page.Locator("#repositories a.review")).ToHaveCountAsync(3);

        Assert.Equal(0, navigations);
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.honkNoReload"));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide at a 390px viewport after the live updates");
    }

    private static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "honk-screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
