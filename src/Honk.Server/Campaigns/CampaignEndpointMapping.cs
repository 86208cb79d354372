using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Campaigns;

/// <summary>Maps the campaign API and pages into the groups <c>MapHonk()</c> made (the API-key filter, the page headers).</summary>
internal static class CampaignEndpointMapping
{
    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/campaigns", CampaignApiEndpoints.StartAsync);
        api.MapGet("/campaigns", CampaignApiEndpoints.ListAsync);
        api.MapGet("/campaigns/{id}", CampaignApiEndpoints.GetAsync);
        api.MapGet("/campaigns/{id}/report", CampaignApiEndpoints.GetAsync);

        // One route per action: the slim host has no regex route constraints.
        foreach (var action in CampaignActions.Names)
        {
            api.MapPost("/campaigns/{id}/" + action, (string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns, ILogger<HostCampaigns> logger)
                => CampaignApiEndpoints.ActionAsync(id, action, http, runtime, campaigns, logger));
        }
    }

    public static void MapPages(RouteGroupBuilder review)
    {
        review.MapGet("/campaigns", CampaignPageEndpoints.ListAsync);
        review.MapGet("/campaigns/assets/{name}", (string name) => CampaignAssets.Get(name));
        review.MapGet("/campaigns/{id}", CampaignPageEndpoints.PageAsync);
        review.MapGet("/campaigns/{id}/live", CampaignPageEndpoints.LiveAsync);
        foreach (var action in CampaignActions.Names)
        {
            review.MapPost("/campaigns/{id}/" + action, (string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns, ILogger<HostCampaigns> logger)
                => CampaignPageEndpoints.ActionAsync(id, action, http, runtime, campaigns, logger));
        }
    }
}
