using System.Text.RegularExpressions;
using Honk.Hosting;
using Microsoft.Playwright;

namespace Honk.Server.Tests.Steering;

/// <summary>
/// The review page's Steer box in a phone-sized Chromium on the real host: a message typed while the scripted session
/// waits on its plan reaches the model's next turn and shows in the live log; the plan is approved from the same box.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SteerBoxBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string Message = "Keep Total's signature as it is.";
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-steer-box-").FullName;

    [Fact]
    public async Task AMessageTypedInTheSteerBox_ReachesTheNextTurn_AndShowsInTheLog()
    {
        browser.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var script = SteeringKit.WritePlanScript(_data);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => script);
        var id = await app.Host.SubmitAsync(SteeringKit.PlannedSession(_repo.Remote, script, "slack:U_LEAD", new ApiOrigin("api")), ct);
        await SteeringKit.WaitForEventAsync<PlanProposed>(app, id);

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, $"review/{id}?t={Uri.EscapeDataString(app.SessionToken(id, "slack:U_LEAD"))}").ToString());
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("plan (waits for approval): Guard Total against null items.");

        await page.Locator("#steer-text").FillAsync(Message);
        await page.Locator("#steer-send").TapAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Message sent");

        await page.Locator("#plan-approve").TapAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Plan approved");

        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        await SteeringKit.AssertDeliveredAtTurnTwoAsync(app, id, "slack:U_LEAD", Message);

        // The page reloads when the session ends; its log replays the transcript, the message and the approval in it.
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("message from slack:U_LEAD: " + Message);
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("plan approved by slack:U_LEAD");
        await Assertions.Expect(page.Locator(".steering")).ToHaveCountAsync(0);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide at a 390px viewport");
        Assert.Matches(new Regex(Regex.Escape("(items ?? []).Sum")), _repo.Show(record.Result!.Commit!));
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
