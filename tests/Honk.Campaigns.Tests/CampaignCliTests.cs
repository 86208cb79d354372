using System.Text.Json;
using Honk.Testing;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests;

public sealed class CampaignCliTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-campaign-cli");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_FiveRepositories_RollsUpEveryOutcome()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies, NotApplicable, Breaks, Qualifies], Ct);
        WriteCampaign(fleet, "waves: [2, all]\ngate: 0.5\nconcurrency: 2\nbranch: honk/client-v2");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--json", "--state", "state");

        var json = run.Json();
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var repositories = json.GetProperty("repositories").EnumerateArray().ToList();
        Assert.Equal(fleet.Repositories.Select(r => r.Path), repositories.Select(r => r.GetProperty("repository").GetString()));
        var statuses = repositories.Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["succeeded", "succeeded", "no_changes"], statuses.Take(3));
        Assert.Contains(statuses[3], new[] { "validation_failed", "failed" });
        Assert.Equal("succeeded", statuses[4]);
        var counts = json.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, counts.GetProperty("no_changes").GetInt32());
        Assert.Equal(5, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.All(repositories, r =>
        {
            Assert.Equal("honk/client-v2", r.GetProperty("branch").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("sessionId").GetString()));
            Assert.Equal(JsonValueKind.Number, r.GetProperty("costUsd").ValueKind);
        });
        Assert.Equal(JsonValueKind.Number, json.GetProperty("costUsd").ValueKind);
        Assert.StartsWith("2", json.GetProperty("campaign").GetString(), StringComparison.Ordinal);

        // One branch name across repositories, delivered where the migration succeeded and nowhere else.
        foreach (var (repository, status) in fleet.Repositories.Zip(statuses))
        {
            Assert.Equal(status == "succeeded", (await Fleet.BranchesAsync(repository, Ct)).Contains("honk/client-v2"));
        }

        // The local store answers for the campaign afterwards.
        var report = await CliProcess.RunAsync(_folder.Path, "campaign", "report", "--campaign", json.GetProperty("campaign").GetString()!, "--json", "--state", "state");
        Assert.Equal(statuses, report.Json().GetProperty("repositories").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        var listing = await CliProcess.RunAsync(_folder.Path, "campaign", "status", "--json", "--state", "state");
        Assert.Equal("completed", listing.Json().GetProperty("campaigns")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_CanaryFails_PausesWithTheRestSkipped()
    {
        await using var fleet = await Fleet.CreateAsync([Breaks, Qualifies, Qualifies], Ct);
        WriteCampaign(fleet, "");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--json", "--state", "state");

        Assert.True(run.ExitCode == 1, run.ToString());
        var json = run.Json();
        Assert.Equal("paused", json.GetProperty("status").GetString());
        Assert.Equal(2, json.GetProperty("counts").GetProperty("skipped").GetInt32());
        var skipped = json.GetProperty("repositories").EnumerateArray().Skip(1).ToList();
        Assert.All(skipped, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("sessionId").ValueKind));
        Assert.All(skipped, r => Assert.Contains("gate", r.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_RunsOnlyTheCanary_AndDeliversNothing()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies], Ct);
        WriteCampaign(fleet, "branch: honk/dry");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--dry-run", "--json", "--state", "state");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1m, json.GetProperty("passRate").GetDecimal());
        var first = json.GetProperty("repositories")[0];
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("turns").GetInt32() >= 2);
        Assert.Equal("skipped", json.GetProperty("repositories")[1].GetProperty("status").GetString());
        Assert.DoesNotContain("honk/dry", await Fleet.BranchesAsync(fleet.Repositories[0], Ct));
    }

    [Fact]
    public async Task Run_HumanOutputToAPipe_KeepsEachRepositoryOnOneLineWithoutColours()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, NotApplicable], Ct);
        WriteCampaign(fleet, "waves: [all]");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--state", "state");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Stdout);
        var lines = run.Stdout.Split('\n');
        // The rollup table: the whole path and the status on one row, however long the path (no wrapping at 80 columns).
        Assert.Contains(lines, l => l.Contains(fleet.Repositories[0].Path, StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal) && l.Contains('│'));
        Assert.Contains(lines, l => l.Contains(fleet.Repositories[1].Path, StringComparison.Ordinal) && l.Contains("no_changes", StringComparison.Ordinal) && l.Contains('│'));
    }

    [Fact]
    public async Task Run_ModelTextWithTerminalEscapes_IsPrintedAsVisibleText()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies], Ct);
        WriteCampaign(fleet, "waves: [all]");
        _folder.WriteFile("script.json", Fleet.Script.Replace("Moved the client to version 2.", "Moved \\u001b]0;pwned\\u0007 \\u001b[2J the client.", StringComparison.Ordinal));

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json", "--state", "state");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain('\u0007', run.Stdout);
        Assert.Contains("\\x1B]0;pwned\\x07", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.md", "does not exist")]
    [InlineData("bad.md", "bad.md:2")]
    public async Task Run_BadInput_ExitsTwoWithAJsonError(string file, string expected)
    {
        _folder.WriteFile("bad.md", "---\nrepositories: [a]\n---\nDo it.\n");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", file, "--model", "script:nothing.json", "--json", "--state", "state");

        Assert.True(run.ExitCode == 2, run.ToString());
        var json = run.Json();
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Contains(expected, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingTargetFolder_ExitsTwo()
    {
        _folder.WriteFile("script.json", Fleet.Script);
        _folder.WriteFile("campaign.md", "---\ntargets: [no-such-repo]\n---\nDo it.\n");

        var run = await CliProcess.RunAsync(_folder.Path, "campaign", "run", "--file", "campaign.md", "--model", "script:script.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no-such-repo", run.Stderr, StringComparison.Ordinal);
    }

    private void WriteCampaign(Fleet fleet, string rollout)
    {
        _folder.WriteFile("script.json", Fleet.Script);
        var targets = string.Join('\n', fleet.Repositories.Select(r => $"  - {r.Path}"));
        _folder.WriteFile("campaign.md", $"""
            ---
            title: Client v2
            targets:
            {targets}
            {rollout}
            ---
            Every project uses version 2 of the client (src/client.js exports version = 2).
            """);
    }
}
