using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Server;

/// <summary>Maps the Honk server's endpoints.</summary>
public static class HonkEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/sessions…</c> (API key), <c>/slack/commands</c>, <c>/slack/events</c>, <c>/github/webhook</c> (signed
    /// webhooks) and <c>/review…</c> (signed links and login tokens); with <c>AddHonkCampaigns()</c> also
    /// <c>/api/campaigns…</c> and the campaign pages under <c>/review/campaigns</c>. Register <c>AddHonk()…AddHonkDefaults()</c>,
    /// <c>AddHonkHosting().UseSqlite(path)</c> and <see cref="HonkServerServiceCollectionExtensions.AddHonkServer"/> first.
    /// </summary>
    /// <param name="endpoints">The route builder (usually the <c>WebApplication</c>).</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapHonk(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Fail at startup, not at the first request, when the options are wrong.
        _ = endpoints.ServiceProvider.GetRequiredService<ServerRuntime>();
        _ = endpoints.ServiceProvider.GetRequiredService<ISessionGateway>();

        var api = endpoints.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var runtime = context.HttpContext.RequestServices.GetRequiredService<ServerRuntime>();
            if (ApiKeyCheck.Authenticate(context.HttpContext.Request, runtime.ApiClients) is not { } principal)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required (Authorization: Bearer <key>).");
            }

            context.HttpContext.User = principal;

            return await next(context).ConfigureAwait(false);
        });
        api.MapPost("/sessions", ApiEndpoints.CreateAsync);
        api.MapGet("/sessions", ApiEndpoints.ListAsync);
        api.MapGet("/sessions/{id}", ApiEndpoints.GetAsync);
        api.MapGet("/sessions/{id}/events", ApiEndpoints.EventsAsync);
        api.MapPost("/sessions/{id}/cancel", ApiEndpoints.CancelAsync);
        api.MapPost("/sessions/{id}/messages", SteeringEndpoints.ApiMessageAsync);
        api.MapPost("/sessions/{id}/plan", SteeringEndpoints.ApiPlanAsync);
        PlanEndpointMapping.MapApi(api);
        var campaigns = endpoints.ServiceProvider.GetService<Campaigns.HostCampaigns>() is not null;
        if (campaigns)
        {
            Campaigns.CampaignEndpointMapping.MapApi(api);
        }

        endpoints.MapPost("/slack/commands", SlackEndpoints.CommandAsync);
        endpoints.MapPost("/slack/events", SlackEndpoints.EventAsync);
        endpoints.MapPost("/github/webhook", GitHubEndpoints.WebhookAsync);

        var review = endpoints.MapGroup("/review").AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return await next(context).ConfigureAwait(false);
        });
        review.MapGet("", ReviewEndpoints.ListAsync);
        review.MapGet("/login", ReviewEndpoints.Login);
        review.MapGet("/assets/{name}", (string name) => ReviewAssets.Get(name));
        review.MapGet("/{id}", ReviewEndpoints.SessionAsync);
        review.MapGet("/{id}/events", ReviewEndpoints.EventsAsync);
        review.MapGet("/{id}/pr-checks", ReviewEndpoints.PullRequestChecksAsync);
        review.MapPost("/{id}/approve", ReviewEndpoints.ApproveAsync);
        review.MapPost("/{id}/changes", ReviewEndpoints.RequestChangesAsync);
        review.MapPost("/{id}/message", SteeringEndpoints.ReviewMessageAsync);
        review.MapPost("/{id}/plan", SteeringEndpoints.ReviewPlanAsync);
        PlanEndpointMapping.MapPages(review);
        if (campaigns)
        {
            Campaigns.CampaignEndpointMapping.MapPages(review);
        }

        return endpoints;
    }
}
