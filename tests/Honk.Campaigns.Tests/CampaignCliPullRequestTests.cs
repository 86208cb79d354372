using Honk.Delivery.Tests.GitHub;
using Honk.Testing;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests;

/// <summary><c>honk campaign run --deliver pr</c> as a user runs it: against the loopback fake GitHub, and without GitHub.</summary>
public sealed class CampaignCliPullRequestTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-campaign-cli-pr");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_DeliverPr_OpensOnePullRequestPerGitHubRepository_AndSaysWhyALocalTargetGotNone()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies, Qualifies], Ct);
        var targets = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var bare = Path.Combine(_folder.Path, "remotes", $"team{i}", "api.git");
            await fleet.Repositories[i].RunGitAsync(["clone", "--quiet", "--bare", ".", bare], Ct);
            targets.Add(new Uri(bare).AbsoluteUri);
        }

        targets.Add(fleet.Repositories[2].Path);
        _folder.WriteFile("script.json", Fleet.Script);
        _folder.WriteFile("campaign.md", $"---\ntitle: Client v2\ntargets: [{string.Join(", ", targets)}]\ncanary: 3\nbranch: honk/client-2\npr_body: Fleet migration FOO-1.\n---\nMove the client to version 2.\n");
        await using var github = new FakeGitHub();
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = FakeGitHub.Token, ["GITHUB_API_URL"] = github.ApiUrl.AbsoluteUri };

        var run = await CliProcess.RunAsync(_folder.Path, environment, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--deliver", "pr", "--json", "--state", "state");

        // Exit 1: the local target failed (alone); the two GitHub repositories each got one pull request.
        Assert.True(run.ExitCode == 1, run.ToString());
        var json = run.Json();
        var repositories = json.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal(["succeeded", "succeeded", "failed"], repositories.Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("local folder, not a GitHub remote", repositories[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["team0:honk/client-2", "team1:honk/client-2"], github.PullRequests.Select(p => p["head"]!["label"]!.GetValue<string>()).Order());
        Assert.All(github.PullRequests, p => Assert.Equal("Client v2", p["title"]!.GetValue<string>()));
        Assert.All(github.PullRequests, p => Assert.StartsWith("Fleet migration FOO-1.", p["body"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(2, json.GetProperty("pullRequests").GetProperty("opened").GetInt32());
        Assert.StartsWith("https://github.test/team0/api/pull/", repositories[0].GetProperty("pullRequest").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeliverPr_WithoutGitHub_ExitsTwoSayingSo()
    {
        _folder.WriteFile("script.json", Fleet.Script);
        _folder.WriteFile("campaign.md", "---\ntargets: [https://github.com/octo/shop.git]\ndelivery: pr\n---\nDo it.\n");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--json", "--state", "state");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no GitHub is configured: set GITHUB_TOKEN", run.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
