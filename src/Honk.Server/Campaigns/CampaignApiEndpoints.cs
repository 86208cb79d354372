using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Honk.Campaigns;
using Honk.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Campaigns;

/// <summary>
/// The campaign API under <c>/api/campaigns</c>, behind the same API-key filter as the session API: the requester is
/// the authenticated client, never a name in the body. Starting, retrying, pausing, resuming and cancelling need the
/// <c>trigger</c> role; approving a wave needs the right to approve the campaign's sessions.
/// </summary>
internal static class CampaignApiEndpoints
{
    public static async Task<IResult> StartAsync(HttpContext http, ServerRuntime runtime, HostCampaigns campaigns, ILogger<HostCampaigns> logger)
    {
        var requester = http.User.Identity!.Name!;
        if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{requester} may not start campaigns (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        var body = await RequestBody.ReadAsync(http.Request, campaigns.Options.MaxFileBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(logger, "the campaign file is too large", StatusCodes.Status413PayloadTooLarge);
        }

        CampaignFile file;
        try
        {
            file = CampaignFile.ParseUnresolved(Encoding.UTF8.GetString(body), "campaign file");
        }
        catch (TaskFileException ex)
        {
            return Refuse(logger, ex.Message.Replace("Invalid task file", "Invalid campaign file", StringComparison.Ordinal), StatusCodes.Status400BadRequest);
        }

        if (file.Task.Delivery == TaskDelivery.PullRequest && PullRequestRefusal(http) is { } refusal)
        {
            return Refuse(logger, refusal, StatusCodes.Status400BadRequest);
        }

        // Every target goes through the host's allow-list, exactly like a single session's repository.
        var resolved = new List<string>();
        var refusals = new List<string>();
        var status = StatusCodes.Status400BadRequest;
        foreach (var target in file.Targets)
        {
            var decision = runtime.Repositories.Resolve(target);
            if (decision.Repository is { } repository)
            {
                resolved.Add(repository);
            }
            else
            {
                refusals.Add($"{target}: {decision.Error}");
                status = Math.Max(status, decision.Status);
            }
        }

        if (refusals.Count > 0)
        {
            return Refuse(logger, string.Create(CultureInfo.InvariantCulture, $"{refusals.Count} target(s) are not allowed: {string.Join("; ", refusals.Take(10))}{(refusals.Count > 10 ? "; …" : "")}"), status);
        }

        if (resolved.Distinct(StringComparer.Ordinal).Count() != resolved.Count)
        {
            return Refuse(logger, "Two targets name the same repository; a campaign runs each repository once.", StatusCodes.Status400BadRequest);
        }

        var dryRun = string.Equals(http.Request.Query["dryRun"], "true", StringComparison.OrdinalIgnoreCase);
        var campaign = await campaigns.StartAsync(file with { Targets = resolved }, requester, dryRun, http.RequestAborted).ConfigureAwait(false);
        CampaignLog.Action(logger, campaign.Id, "started", requester);
        var report = (await campaigns.ReportAsync(campaign.Id, http.RequestAborted).ConfigureAwait(false))!;
        return Json(report, runtime, http, requester, StatusCodes.Status202Accepted);
    }

    /// <summary>Why this host cannot deliver a campaign's pull requests, or null when it can.</summary>
    private static string? PullRequestRefusal(HttpContext http)
    {
        if (http.RequestServices.GetService(typeof(Delivery.GitHub.GitHubClient)) is null)
        {
            return "The campaign delivers pull requests ('delivery: pr'), but this host has no GitHub configured: set Honk:GitHubToken (and Honk:GitHubApiUrl for GitHub Enterprise), or deliver with 'push'.";
        }

        var configured = (http.RequestServices.GetService(typeof(Microsoft.Extensions.Options.IOptions<HonkServerOptions>)) as Microsoft.Extensions.Options.IOptions<HonkServerOptions>)?.Value.PullRequests.Repository;
        return configured is null
            ? null
            : $"The campaign delivers pull requests on each target's own GitHub repository, but this host sends every pull request to {configured} (Honk:PullRequests:Repository): unset it, or deliver with 'push'.";
    }

    public static async Task<IResult> ListAsync(HttpContext http, HostCampaigns campaigns)
    {
        var limit = int.TryParse(http.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 500) : 50;
        var list = await campaigns.Store.ListAsync(limit, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new JsonObject
        {
            ["campaigns"] = new JsonArray([.. list.Select(c => (JsonNode)new JsonObject
            {
                ["campaign"] = c.Id,
                ["name"] = c.Spec.Name,
                ["status"] = c.Status,
                ["message"] = c.Message,
                ["createdAt"] = c.CreatedAt,
            })]),
        });
    }

    public static async Task<IResult> GetAsync(string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns)
    {
        var report = await campaigns.ReportAsync(id, http.RequestAborted).ConfigureAwait(false);
        return report is null ? NotFound(id) : Json(report, runtime, http, http.User.Identity!.Name!, StatusCodes.Status200OK);
    }

    public static async Task<IResult> ActionAsync(string id, string action, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns, ILogger<HostCampaigns> logger)
    {
        var identity = http.User.Identity!.Name!;
        var campaign = await campaigns.Store.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (campaign is null)
        {
            return NotFound(id);
        }

        if (action == "approve")
        {
            if (!runtime.MayApprove(identity, campaign.Spec.Task.Requester))
            {
                return Refuse(logger, $"{identity} may not approve this campaign's waves", StatusCodes.Status403Forbidden);
            }
        }
        else if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{identity} may not {action} campaigns (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        int? wave = null;
        if (http.Request.Query["wave"].ToString() is { Length: > 0 } waveText)
        {
            if (!int.TryParse(waveText, NumberStyles.None, CultureInfo.InvariantCulture, out var w))
            {
                return Refuse(logger, "'wave' must be a whole number", StatusCodes.Status400BadRequest);
            }

            wave = w;
        }

        var refusal = await CampaignActions.RunAsync(campaigns, campaign, action, wave, http.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Refuse(logger, refusal, StatusCodes.Status409Conflict);
        }

        CampaignLog.Action(logger, id, action, identity);
        var report = (await campaigns.ReportAsync(id, http.RequestAborted).ConfigureAwait(false))!;
        return Json(report, runtime, http, identity, StatusCodes.Status202Accepted);
    }

    /// <summary>The fixed campaign object, plus a signed link to the campaign page for the caller.</summary>
    private static IResult Json(CampaignReport report, ServerRuntime runtime, HttpContext http, string subject, int status)
    {
        var json = CampaignReportJson.ToJson(report);
        json["pageUrl"] = CampaignPageEndpoints.PageUrl(runtime, http.Request, report.Campaign, subject).ToString();
        return Results.Json(json, statusCode: status, contentType: "application/json");
    }

    private static IResult NotFound(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no campaign '{id}'.");

    private static IResult Refuse(ILogger logger, string reason, int status)
    {
        ServerLog.Refused(logger, "api/campaigns", reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
