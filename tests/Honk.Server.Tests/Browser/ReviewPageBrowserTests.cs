using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Honk.Server.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReviewPageBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string NewCart = "namespace Shop;\n\npublic class Cart\n{\n    // An empty cart costs nothing.\n    public decimal Total(Item[]? items) => items is null ? 0m : items.Sum(i => i.Price);\n}\n";
    private readonly GitRepo _repo = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task SlackSlashCommand_ToApprovedMergeFromPhone_LandsOnTargetBranch()
    {
        browser.RequireChromium();
        await using var app = await ServerApp.StartAsync(o => o.Repositories["shop"] = _repo.Remote);
        app.Gateway.Executor = FakeAgent;
        app.Gateway.Diff = v => v.Result?.Branch is { } b ? _repo.Diff(b) : null;

        // Signed exactly as Slack signs it.
        var body = "team_id=T1&channel_id=C0CHAN&user_id=U_ALLOWED&command=%2Fhonk&text=shop+fix+the+NRE+when+the+cart+is+empty&trigger_id=1.2";
        using var ack = await app.Client.SendAsync(ServerApp.SlackRequest("slack/commands", body, Form), Ct);
        var link = Regex.Match(JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("text").GetString()!, @"https?://\S+").Value;
        await app.Gateway.WaitForCompletionAsync("s0001");

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("fix the NRE when the cart is empty");
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator(".file .path")).ToHaveTextAsync("src/Cart.cs");
        await Assertions.Expect(page.Locator(".ln.add").First).ToContainTextAsync("An empty cart costs nothing.");
        await Assertions.Expect(page.Locator(".check.passed").First).ToContainTextAsync("12 tests passed");
        await Assertions.Expect(page.Locator("#log li").Last).ToContainTextAsync("done: succeeded");

        // Nothing may overflow the phone's width except inside the scrollable diff.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide at a 390px viewport");
        var button = await page.Locator("#approve").BoundingBoxAsync();
        Assert.True(button!.Height >= 44, "Approve must be a big tap target");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("review-phone.png"), FullPage = true });

        await page.Locator("#approve").TapAsync();
        await Assertions.Expect(page.Locator("#approval")).ToContainTextAsync("Approved");
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Approved.");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("review-phone-approved.png") });

        Assert.Contains("An empty cart costs nothing.", _repo.Show("main:src/Cart.cs"), StringComparison.Ordinal);
        Assert.Contains("Slack reply", await SlackReplyAsync(app), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestChanges_FromPhone_RunsFollowUpRoundOnTheSameBranch()
    {
        browser.RequireChromium();
        await using var app = await ServerApp.StartAsync(o => o.Repositories["shop"] = _repo.Remote);
        app.Gateway.Executor = FakeAgent;
        app.Gateway.Diff = v => v.Result?.Branch is { } b ? _repo.Diff(b) : null;
        using var ack = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", """{"repository":"shop","task":"fix the NRE"}""", ServerApp.LeadKey), Ct);
        var link = JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reviewUrl").GetString()!;
        await app.Gateway.WaitForCompletionAsync("s0001");

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.Locator("#comment").FillAsync("Also add a test for the empty cart.");
        await page.Locator("#request-changes").TapAsync();

        // The follow-up's own page: it runs, streams its log, and reloads to show its diff.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review/s0002\\?t="));
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator(".file .path")).ToHaveTextAsync("tests/CartTests.cs");
        var followUp = Assert.Single(app.Gateway.Submissions, s => s.ParentSessionId == "s0001");
        Assert.Equal("honk/s0001", followUp.BaseRef);
        Assert.Contains("Also add a test for the empty cart.", followUp.Task.Goal, StringComparison.Ordinal);

        await page.Locator("#approve").TapAsync();
        await Assertions.Expect(page.Locator("#approval")).ToContainTextAsync("Approved");
        Assert.Contains("EmptyCart", _repo.Show("main:tests/CartTests.cs"), StringComparison.Ordinal);
        Assert.Contains("An empty cart costs nothing.", _repo.Show("main:src/Cart.cs"), StringComparison.Ordinal);
    }

    private async Task<SessionResult> FakeAgent(string id, SessionSubmission submission, Action<AgentEvent> emit, CancellationToken cancellationToken)
    {
        emit(new TurnStarted(1));
        await Task.Delay(200, cancellationToken);
        emit(new ToolCallStarted(1, new ToolCallRequest("c1", "edit_file", "{}")));
        if (submission.ParentSessionId is null)
        {
            return _repo.CommitSession(id, submission.BaseRef, "src/Cart.cs", NewCart, "Guarded the empty cart.");
        }

        return _repo.CommitSession(id, submission.BaseRef, "tests/CartTests.cs", "public class CartTests\n{\n    [Fact] public void EmptyCart() => Assert.Equal(0m, new Cart().Total(null));\n}\n", "Added the empty-cart test.");
    }

    private static async Task<string> SlackReplyAsync(ServerApp app)
    {
        var posted = await app.SlackApi.WaitForAsync(2);
        return posted.Count == 2 && posted[1].Body.Contains("Guarded the empty cart.", StringComparison.Ordinal) ? "Slack reply" : "no reply";
    }

}
