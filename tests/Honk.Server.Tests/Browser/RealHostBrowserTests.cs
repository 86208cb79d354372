using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Honk.Hosting;
using Microsoft.Playwright;

namespace Honk.Server.Tests;

/// <summary>
/// Issue 7's "done when" on the real host: a signed Slack command runs a real session (git worktree, tools,
/// <c>npm test</c>, push to a bare remote) in the background, and the change is approved from a phone-sized Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RealHostBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string TaskText = "fix the crash when the cart is empty";
    private readonly NodeShopRepo _repo = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task SlackSlashCommand_OnRealHost_ApprovedFromPhoneLandsOnMainOnce()
    {
        browser.RequireChromium();
        await using var app = await RealHostApp.StartAsync(_repo.DataDirectory, _repo.Remote, _ => _repo.FixScript);
        var body = $"team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text=shop+{Uri.EscapeDataString(TaskText).Replace("%20", "+", StringComparison.Ordinal)}&trigger_id=1.2";
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var ack = await app.Client.SendAsync(RealHostApp.SignedSlashCommand(body, sentAt), Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var link = Regex.Match(JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("text").GetString()!, @"https?://\S+").Value;

        // The very same signed request again is a replay; a forged one never starts anything either.
        using var replay = await app.Client.SendAsync(RealHostApp.SignedSlashCommand(body, sentAt), Ct);
        using var forged = await app.Client.SendAsync(RealHostApp.SignedSlashCommand(body, secret: "not-the-signing-secret"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        var id = Assert.Single(await app.Host.ListAsync(cancellationToken: Ct)).Id;
        var record = await app.WaitForCompletionAsync(id);
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        Assert.Equal("slack:U_LEAD", record.Request.Requester);
        Assert.Equal(record.Branch, record.Result!.Branch);
        Assert.Equal(record.Result.Commit, _repo.Git("rev-parse", "refs/heads/" + record.Branch).Trim());

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(TaskText);
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator(".file .path")).ToHaveTextAsync("cart.js");
        await Assertions.Expect(page.Locator(".ln.add").First).ToContainTextAsync("An empty cart costs nothing.");
        await Assertions.Expect(page.Locator(".check.passed").First).ToContainTextAsync("npm");
        await Assertions.Expect(page.Locator("#log li").Last).ToContainTextAsync("succeeded");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide at a 390px viewport");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("review-phone-real-host.png"), FullPage = true });

        await page.Locator("#approve").TapAsync();
        await Assertions.Expect(page.Locator("#approval")).ToContainTextAsync("Approved");
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Approved.");

        // Exactly one new commit on main (a fast-forward to the session's commit), carrying the change once.
        Assert.Equal(record.Result.Commit, _repo.Git("rev-parse", "main").Trim());
        Assert.Equal("1", _repo.Git("rev-list", "--count", $"{_repo.InitialMain}..main").Trim());
        Assert.Single(Regex.Matches(_repo.Git("show", "main:cart.js"), Regex.Escape(NodeShopRepo.Guard)));

        // A second tap (a retry, another device) is answered from the effects ledger and merges nothing.
        using var again = await app.Client.PostAsync(ServerApp.FormAction($"review/{id}/approve", app.SessionToken(id, "slack:U_LEAD")), new FormUrlEncodedContent([new("t", app.SessionToken(id, "slack:U_LEAD"))]), Ct);
        Assert.Contains("Already approved.", Uri.UnescapeDataString(again.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Equal(record.Result.Commit, _repo.Git("rev-parse", "main").Trim());

        Assert.Single(await app.Host.ListAsync(cancellationToken: Ct));
        var slack = await app.SlackApi.WaitForAsync(2);
        Assert.Contains(slack, r => r.Body.Contains("succeeded", StringComparison.Ordinal) && r.Body.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestChanges_OnRealHost_FollowUpRoundContinuesTheSameBranch()
    {
        browser.RequireChromium();
        await using var app = await RealHostApp.StartAsync(_repo.DataDirectory, _repo.Remote, s => s.ParentSessionId is null ? _repo.FixScript : _repo.FollowUpScript);
        using var created = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", $$"""{"repository":"{{_repo.Remote}}","task":"{{TaskText}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var firstId = json.GetProperty("id").GetString()!;
        var first = await app.WaitForCompletionAsync(firstId);
        Assert.True(first.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(first));

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(json.GetProperty("reviewUrl").GetString()!);
        await page.Locator("#comment").FillAsync("Also add a test for the empty cart.");
        await page.Locator("#request-changes").TapAsync();

        // The follow-up's own page: it runs on the host, and the page reloads to show its diff when it ends.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review/(?!" + Regex.Escape(firstId) + ")[^/?]+\\?t="));
        var followUpId = Regex.Match(page.Url, "/review/([^/?]+)").Groups[1].Value;
        var followUp = await app.WaitForCompletionAsync(followUpId);
        Assert.True(followUp.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(followUp));
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator(".file .path")).ToHaveTextAsync("cart.test.js");
        await Assertions.Expect(page.Locator(".ln.add", new() { HasText = "assert.strictEqual(total(null), 0);" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Follows up" + firstId);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("review-phone-follow-up.png"), FullPage = true });

        // Same branch, one more commit on top of the first round's, with the comment as the next instruction.
        Assert.Equal(firstId, followUp.Request.ParentSessionId);
        Assert.Equal(first.Branch, followUp.Branch);
        Assert.Equal(first.Branch, followUp.Result!.Branch);
        Assert.Contains("Also add a test for the empty cart.", followUp.Request.Task.Goal, StringComparison.Ordinal);
        Assert.Equal(first.Result!.Commit, _repo.Git("rev-parse", followUp.Result.Commit + "~1").Trim());
        Assert.Equal(followUp.Result.Commit, _repo.Git("rev-parse", "refs/heads/" + first.Branch).Trim());
        Assert.Equal(firstId, (await app.Gateway.GetAsync(followUpId, Ct))!.ParentSessionId);

        // The first round can no longer be approved on its own: the branch holds work its reviewer never saw.
        using var stale = await app.Client.PostAsync(ServerApp.FormAction($"review/{firstId}/approve", app.SessionToken(firstId, "api:lead")), new FormUrlEncodedContent([new("t", app.SessionToken(firstId, "api:lead"))]), Ct);
        Assert.Contains("has moved on", Uri.UnescapeDataString(stale.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Equal(_repo.InitialMain, _repo.Git("rev-parse", "main").Trim());

        await page.Locator("#approve").TapAsync();
        await Assertions.Expect(page.Locator("#approval")).ToContainTextAsync("Approved");
        Assert.Equal(followUp.Result.Commit, _repo.Git("rev-parse", "main").Trim());
        Assert.Contains(NodeShopRepo.Guard, _repo.Git("show", "main:cart.js"), StringComparison.Ordinal);
        Assert.Contains(NodeShopRepo.EmptyCartTest, _repo.Git("show", "main:cart.test.js"), StringComparison.Ordinal);
    }

}
