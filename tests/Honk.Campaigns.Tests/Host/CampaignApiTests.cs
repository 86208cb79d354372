using System.Net;
using System.Text.Json;
using static Honk.Campaigns.Tests.Fleet.Kind;

namespace Honk.Campaigns.Tests.Host;

/// <summary>The host's campaign API over real HTTP, with real sessions (git worktrees, node tests) and a scripted model.</summary>
public sealed class CampaignApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithoutKeyOrRole_OrOutsideTheAllowList_IsRefusedAndStartsNothing()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);
        var file = CampaignHostApp.CampaignFileText(1, "");

        var (anonymous, _) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", key: null, body: file));
        var (wrongKey, _) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", key: "not-a-key-0123456789", body: file));
        var (approverOnly, _) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", CampaignHostApp.ApproverKey, file));
        var (outside, outsideJson) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: "---\ntargets: [r0, /etc]\n---\nDo it.\n"));
        var (fromDisk, fromDiskJson) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: "---\ntargets_file: /etc/hosts\n---\nDo it.\n"));
        var (invalid, invalidJson) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: "---\ntargets: [r0]\ngate: 7\n---\nDo it.\n"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, approverOnly.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("/etc", outsideJson.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fromDisk.StatusCode);
        Assert.Contains("targets_file", fromDiskJson.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("gate", invalidJson.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Campaigns.Store.ListAsync(10, Ct));
        Assert.Empty(await app.Host.ListAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Campaign_OverHttp_WaitsForApproval_ThenRollsUp_AndRetriesFailuresAsNewSessions()
    {
        await using var fleet = await Fleet.CreateAsync([Qualifies, NotApplicable, Breaks], Ct);
        await using var app = await CampaignHostApp.StartAsync(fleet);

        var (started, json) = await app.SendAsync(app.Api(HttpMethod.Post, "api/campaigns", body: CampaignHostApp.CampaignFileText(3, "approval: true\nbranch: honk/client-v2\ndelivery: branch")));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = json.GetProperty("campaign").GetString()!;
        Assert.Contains($"/review/campaigns/{id}?t=", json.GetProperty("pageUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, json.GetProperty("repositories").GetArrayLength());

        // The canary ran; the next wave waits for a person.
        var paused = await app.WaitForAsync(id, CampaignStatus.Paused);
        Assert.Equal(["succeeded", "skipped", "skipped"], paused.Repositories.Select(r => r.Status));
        Assert.Contains("waiting for approval", paused.Message, StringComparison.Ordinal);

        // The requester may not approve its own campaign's waves, nor may a client without the right; an approver may.
        var (selfApproval, _) = await app.SendAsync(app.Api(HttpMethod.Post, $"api/campaigns/{id}/approve"));
        var (triggerApproval, _) = await app.SendAsync(app.Api(HttpMethod.Post, $"api/campaigns/{id}/approve", CampaignHostApp.TriggerKey));
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, triggerApproval.StatusCode);
        var (approved, _) = await app.SendAsync(app.Api(HttpMethod.Post, $"api/campaigns/{id}/approve", CampaignHostApp.ApproverKey));
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);

        var done = await app.WaitForAsync(id, CampaignStatus.Completed);
        var (report, reportJson) = await app.SendAsync(app.Api(HttpMethod.Get, $"api/campaigns/{id}/report"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("completed", reportJson.GetProperty("status").GetString());
        var statuses = reportJson.GetProperty("repositories").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal("succeeded", statuses[0]);
        Assert.Equal("no_changes", statuses[1]);
        Assert.Contains(statuses[2], new[] { "validation_failed", "failed" });
        Assert.Equal(1, reportJson.GetProperty("counts").GetProperty("succeeded").GetInt32());
        Assert.Equal(JsonValueKind.Number, reportJson.GetProperty("costUsd").ValueKind);

        // Every repository ran as a session of the host, by the requester, with its own review page.
        foreach (var line in done.Repositories)
        {
            var session = await app.Host.GetAsync(line.SessionId!, Ct);
            Assert.NotNull(session);
            Assert.Equal("api:lead", session.Request.Requester);
            Assert.Equal(line.Repository, session.Request.Repository);
        }

        Assert.Contains("honk/client-v2", await Fleet.BranchesAsync(fleet.Repositories[0], Ct));

        // Retry runs only the failure again, as a new session; the list shows the campaign.
        var (retried, _) = await app.SendAsync(app.Api(HttpMethod.Post, $"api/campaigns/{id}/retry"));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var again = await app.WaitForAsync(id, CampaignStatus.Completed);
        Assert.Equal(done.Repositories[0].SessionId, again.Repositories[0].SessionId);
        Assert.Equal(done.Repositories[2].SessionId + "-a2", again.Repositories[2].SessionId);
        Assert.Equal(4, (await app.Host.ListAsync(cancellationToken: Ct)).Count);
        var (list, listJson) = await app.SendAsync(app.Api(HttpMethod.Get, "api/campaigns"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(id, listJson.GetProperty("campaigns")[0].GetProperty("campaign").GetString());
        var (missing, _) = await app.SendAsync(app.Api(HttpMethod.Get, "api/campaigns/nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
