using Honk.Testing;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests.Host;

/// <summary><c>honk campaign start/status/approve/report --server</c>: the real CLI against the real host's campaign API.</summary>
public sealed class CampaignCliHostTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-campaign-cli-host");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StartApproveReport_AgainstAHost_DriveTheHostsCampaign()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, Qualifies], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "campaign.md"), CampaignHostApp.CampaignFileText(2, "approval: true\ndelivery: branch"), Ct);
        var server = app.BaseUrl.ToString();

        var local = await CliProcess.RunAsync(_folder.Path, "campaign", "start", "--file", "campaign.md", "--json");
        Assert.True(local.ExitCode == 2, local.ToString());
        Assert.Contains("--server", local.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
        var badKey = await CliProcess.RunAsync(_folder.Path, "campaign", "start", "--file", "campaign.md", "--server", server, "--api-key", "wrong-key-0123456789", "--json");
        Assert.True(badKey.ExitCode == 2, badKey.ToString());
        Assert.Contains("401", badKey.Json().GetProperty("error").GetString(), StringComparison.Ordinal);

        var start = await CliProcess.RunAsync(_folder.Path, "campaign", "start", "--file", "campaign.md", "--server", server, "--api-key", CampaignHostApp.LeadKey, "--json");
        Assert.True(start.ExitCode == 0, start.ToString());
        var id = start.Json().GetProperty("campaign").GetString()!;
        Assert.Equal(2, start.Json().GetProperty("repositories").GetArrayLength());
        await app.WaitForAsync(id, CampaignStatus.Paused);

        // The starter may not approve its own waves (four eyes); the approver's key may.
        var self = await CliProcess.RunAsync(_folder.Path, "campaign", "approve", "--campaign", id, "--server", server, "--api-key", CampaignHostApp.LeadKey, "--json");
        Assert.True(self.ExitCode == 2, self.ToString());
        var approve = await CliProcess.RunAsync(_folder.Path, "campaign", "approve", "--campaign", id, "--server", server, "--api-key", CampaignHostApp.ApproverKey, "--json");
        Assert.True(approve.ExitCode == 0, approve.ToString());

        await app.WaitForAsync(id, CampaignStatus.Completed);
        var report = await CliProcess.RunAsync(_folder.Path, "campaign", "report", "--campaign", id, "--server", server, "--api-key", CampaignHostApp.LeadKey, "--json");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Equal("completed", report.Json().GetProperty("status").GetString());
        Assert.Equal(2, report.Json().GetProperty("counts").GetProperty("succeeded").GetInt32());
        var status = await CliProcess.RunAsync(_folder.Path, "campaign", "status", "--server", server, "--api-key", CampaignHostApp.LeadKey, "--json");
        Assert.Equal(id, status.Json().GetProperty("campaigns")[0].GetProperty("campaign").GetString());
    }
}
