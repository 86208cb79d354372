using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Honk.Server;

/// <summary>Maps the planning API (<c>/api/plans…</c>) and the planning page (<c>/review/plan…</c>).</summary>
internal static class PlanEndpointMapping
{
    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/plans", PlanApiEndpoints.CreateAsync);
        api.MapGet("/plans/{id}", PlanApiEndpoints.GetAsync);
        api.MapPost("/plans/{id}/answer", PlanApiEndpoints.AnswerAsync);
        api.MapPost("/plans/{id}/changes", PlanApiEndpoints.ChangesAsync);
        api.MapPost("/plans/{id}/check", PlanApiEndpoints.CheckAsync);
        api.MapPost("/plans/{id}/start", PlanApiEndpoints.StartAsync);
        api.MapPost("/plans/{id}/decline", PlanApiEndpoints.Decline);
    }

    public static void MapPages(RouteGroupBuilder review)
    {
        review.MapGet("/plan", PlanPageEndpoints.New);
        review.MapPost("/plan", PlanPageEndpoints.BeginAsync);
        review.MapGet("/plan/{id}", PlanPageEndpoints.Show);
        review.MapPost("/plan/{id}/answer", PlanPageEndpoints.AnswerAsync);
        review.MapPost("/plan/{id}/changes", PlanPageEndpoints.ChangesAsync);
        review.MapPost("/plan/{id}/start", PlanPageEndpoints.StartAsync);
        review.MapPost("/plan/{id}/decline", PlanPageEndpoints.DeclineAsync);
    }
}
