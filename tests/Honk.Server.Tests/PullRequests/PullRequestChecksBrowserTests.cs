using System.Text.Json;
using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;
using Microsoft.Playwright;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// The review page in Chromium (Playwright; skipped with a message when Chromium is absent) shows a pull request's check
/// turning from running to failed live: the watcher's looks reach the open page over its event stream, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PullRequestChecksBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-pr-browser-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReviewPage_ShowsACheckTurningFromRunningToFailed_WithoutAReload()
    {
        browser.RequireChromium();
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "edit_file", arguments = new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = "items.Sum(i => i.Price)", ["new_text"] = "items.Sum(i => i.Price) - 1" } } } },
                new { text = "Added the handling fee." },
            },
        }));
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github, "--Honk:PullRequests:MaxFixRounds=0");
        var root = await app.SubmitAsync(_repo.Remote, "Add a handling fee to Cart.Total");
        var delivered = await app.CompletedAsync(root.Id);
        Assert.True(delivered.Status == HostedSessionStatus.Succeeded, delivered.Result?.Message);
        var head = _repo.Tip(delivered.Result!.Branch!)!;

        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, $"review/{root.Id}?t={Uri.EscapeDataString(app.SessionToken(root.Id, HonkServer.OperatorLogin))}").ToString());
        await page.EvaluateAsync("() => { window.honkSamePage = true; }");

        var run = github.AddCheckRun(head, "test", status: "in_progress", conclusion: null);
        app.Watch.Wake();
        await Assertions.Expect(page.Locator("#pr-check-list li.check.running")).ToContainTextAsync("test", new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("#pr-state")).ToContainTextAsync("Checks running", new() { Timeout = 240_000 });

        github.CompleteCheckRun(run, "failure");
        app.Watch.Wake();
        await Assertions.Expect(page.Locator("#pr-check-list li.check.failed")).ToContainTextAsync("test", new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("#pr-state")).ToContainTextAsync("Checks failed on " + head[..7], new() { Timeout = 240_000 });
        Assert.Equal(0, await page.Locator("#pr-check-list li.check.running").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.honkSamePage === true"), "The page was reloaded; the checks must arrive live.");
    }

    public void Dispose()
    {
        _repo.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

}
