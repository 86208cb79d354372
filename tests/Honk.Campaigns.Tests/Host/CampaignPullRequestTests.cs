using System.Text.Json;
using Honk.Delivery.GitHub;
using Honk.Delivery.Tests.GitHub;
using Honk.Server;
using Honk.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests.Host;

/// <summary>
/// A campaign delivering pull requests on the real host, against the loopback fake GitHub the pull-request loop's
/// tests use: real sessions push the campaign's branch to bare repositories (one per GitHub owner), the campaign's
/// channel opens one pull request per repository with the campaign's title and body, a target without a GitHub remote
/// fails alone and says why, and the rollup counts what the pull-request loop recorded (checks failed, merged).
/// </summary>
public sealed class CampaignPullRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverPr_OpensOnePullRequestPerRepository_LocalTargetFailsAlone_RollupCountsChecksAndMerges()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies, Qualifies], Ct);
        using var remotes = new TemporaryDirectory("honk-campaign-remotes");

        // r0 and r1 are "GitHub" repositories (git URLs ending in owner/name); r2 is a local folder with no GitHub remote.
        var urls = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var bare = Path.Combine(remotes.Path, $"owner{i}", "svc.git");
            await fleet.Repositories[i].RunGitAsync(["clone", "--quiet", "--bare", ".", bare], Ct);
            urls.Add(new Uri(bare).AbsoluteUri);
        }

        await using var github = new FakeGitHub();
        var client = new GitHubClient(new HttpClient(), new GitHubClientOptions { Token = FakeGitHub.Token, BaseUrl = github.ApiUrl });
        await using var app = await CampaignHostApp.StartAsync(fleet, targets: [urls[0], urls[1], fleet.Repositories[2].Path], services: s =>
        {
            s.AddSingleton(client);

            // The test takes the loop's looks itself, so no background look starts a fix round meanwhile.
            s.Configure<HonkServerOptions>(o => o.PullRequests.Watch = false);
        });

        var file = CampaignHostApp.CampaignFileText(3, "canary: 3\ndelivery: pr\nbranch: honk/client-2\npr_title: \"chore: move to client v2\"\npr_body: Part of the fleet migration FOO-1.");
        var (started, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: file));
        Assert.Equal(202, (int)started.StatusCode);
        var id = json.GetProperty("campaign").GetString()!;
        var report = await app.WaitForAsync(id, CampaignStatus.Completed);

        // One pull request per GitHub repository, from the campaign's one branch, with its title and body.
        Assert.Equal(["succeeded", "succeeded", "failed"], report.Repositories.Select(r => r.Status));
        var pulls = github.PullRequests.OrderBy(p => p["number"]!.GetValue<int>()).ToList();
        Assert.Equal(["owner0:honk/client-2", "owner1:honk/client-2"], pulls.Select(p => p["head"]!["label"]!.GetValue<string>()).Order());
        Assert.All(pulls, p => Assert.Equal("chore: move to client v2", p["title"]!.GetValue<string>()));
        Assert.All(pulls, p => Assert.StartsWith("Part of the fleet migration FOO-1.", p["body"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(2, github.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)));

        // The branch really is on each remote, and the local target failed alone, saying why, before anything was pushed.
        foreach (var url in urls)
        {
            Assert.Contains("honk/client-2", await fleet.Repositories[0].RunGitAsync(["ls-remote", "--heads", url], Ct), StringComparison.Ordinal);
        }

        Assert.Contains("local folder, not a GitHub remote", report.Repositories[2].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("honk/client-2", await Fleet.BranchesAsync(fleet.Repositories[2], Ct));
        Assert.Equal(new Dictionary<string, int> { ["opened"] = 2, ["checks_passed"] = 0, ["checks_failed"] = 0, ["merged"] = 0, ["closed"] = 0 }, new Dictionary<string, int>(report.PullRequests!));

        // The pull-request loop looks: owner0's checks fail (no fix rounds here), owner1's pass and it is merged.
        int Number(string owner) => pulls.Single(p => p["head"]!["label"]!.GetValue<string>().StartsWith(owner + ":", StringComparison.Ordinal))["number"]!.GetValue<int>();
        github.SetPull(Number("owner0"), headSha: "aaa1110000");
        github.SetPull(Number("owner1"), headSha: "bbb2220000");
        github.AddCheckRun("aaa1110000", "test", conclusion: "failure", log: "FAIL test/client.test.js\n  pinned client\n");
        github.AddCheckRun("bbb2220000", "test");
        var watcher = new PullRequestWatcher(app.Host, client, new PullRequestLoopOptions { MaxFixRounds = 0 });
        var sessions = report.Repositories.Take(2).Select(r => r.SessionId!).ToList();
        Assert.Equal(PullRequestStepKind.GaveUp, (await watcher.CheckAsync(sessions[0], Ct)).Kind);
        Assert.Equal(PullRequestStepKind.Green, (await watcher.CheckAsync(sessions[1], Ct)).Kind);
        await client.MergePullRequestAsync("owner1", "svc", Number("owner1"), GitHubMergeMethod.Squash, "bbb2220000", cancellationToken: Ct);
        Assert.Equal(PullRequestStepKind.Closed, (await watcher.CheckAsync(sessions[1], Ct)).Kind);

        // The rollup, over the API (the run --json shape plus pullRequests), counts one failing and one merged.
        var (_, rollup) = await app.SendAsync(app.Api(HttpMethod.Get, $"api/campaigns/{id}"));
        var counts = rollup.GetProperty("pullRequests");
        Assert.Equal(2, counts.GetProperty("opened").GetInt32());
        Assert.Equal(1, counts.GetProperty("checks_failed").GetInt32());
        Assert.Equal(1, counts.GetProperty("merged").GetInt32());
        var lines = rollup.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal("failing", lines[0].GetProperty("pullRequest").GetProperty("checks").GetString());
        Assert.Equal("merged", lines[1].GetProperty("pullRequest").GetProperty("state").GetString());
        Assert.StartsWith("https://github.test/owner1/svc/pull/", lines[1].GetProperty("pullRequest").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(lines[2].TryGetProperty("pullRequest", out _));

        // The page shows the same, with a link to each pull request.
        var page = await app.Client.GetStringAsync(app.PageLink(id, CampaignHostApp.Reviewer), Ct);
        Assert.Contains("PR checks failed</span> 1", page, StringComparison.Ordinal);
        Assert.Contains("data-pr-state=\"merged\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://github.test/owner0/svc/pull/", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverPr_HostWithoutGitHub_IsRefusedSayingSo()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);
        var (response, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: CampaignHostApp.CampaignFileText(1, "delivery: pr")));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("no GitHub configured", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void PullRequestReader_ReadsTheLoopsRecords_NewestChecksWin()
    {
        var began = DateTimeOffset.UnixEpoch;
        Hosting.EffectRecord Effect(string key, string json, int minute) => new("s", key, Hosting.EffectState.Succeeded) { BeganAt = began.AddMinutes(minute), CompletedAt = began.AddMinutes(minute), OutcomeJson = json };
        var delivered = Effect("delivery:pr", JsonSerializer.Serialize(new { channel = "pr", succeeded = true, url = "https://github.test/o/r/pull/3" }), 0);

        Assert.Null(CampaignPullRequestReader.From([Effect("delivery:push", "{}", 0)]));
        var fixedLater = CampaignPullRequestReader.From([delivered, Effect("pr-checks:b", "{\"state\":\"green\"}", 5), Effect("pr-checks:a", "{\"state\":\"failing\"}", 2)])!;
        Assert.Equal(("green", "open"), (fixedLater.Checks, fixedLater.State));
        Assert.Equal("https://github.test/o/r/pull/3", fixedLater.Url!.AbsoluteUri);
        Assert.Equal("closed", CampaignPullRequestReader.From([delivered, Effect("pr-watch:closed", "\"closed\"", 9)])!.State);
        Assert.Null(CampaignPullRequestReader.From([delivered])!.Checks);
    }
}
