using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>The HTTP API under <c>/api</c>: create, list, get, stream events of, and cancel sessions.</summary>
internal static class ApiEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var requester = http.User.Identity!.Name!;
        if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{requester} may not start sessions (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        var body = await RequestBody.ReadAsync(http.Request, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(logger, "body too large", StatusCodes.Status413PayloadTooLarge);
        }

        CreateSessionRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<CreateSessionRequest>(body, SessionJson.Options);
        }
        catch (JsonException)
        {
            return Refuse(logger, "malformed JSON", StatusCodes.Status400BadRequest);
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Task) || string.IsNullOrWhiteSpace(request.Repository))
        {
            return Refuse(logger, "'repository' and 'task' are required", StatusCodes.Status400BadRequest);
        }

        // Who asks is who authenticated: a name in the body would let any client act as an approver.
        if (request.Requester is { } claimed && !string.Equals(claimed.Trim(), requester, StringComparison.Ordinal))
        {
            return Refuse(logger, $"'requester' cannot be set: the requester is the authenticated API client ({requester})", StatusCodes.Status400BadRequest);
        }

        var decision = runtime.Repositories.Resolve(request.Repository);
        if (decision.Repository is not { } repository)
        {
            return Refuse(logger, decision.Error!, decision.Status);
        }

        var task = new CodingTask(request.Task) { Title = request.Title, Requester = requester };
        var view = await gateway.SubmitAsync(
            new SessionSubmission(repository, task, new SessionSource { Kind = "api", Requester = requester }) { BaseRef = request.BaseRef },
            http.RequestAborted).ConfigureAwait(false);
        ServerLog.Queued(logger, view.Id, "api", requester, repository);
        var json = SessionJson.Session(view, runtime.ReviewUrl(http.Request, view.Id, requester));
        return Results.Json(json, statusCode: StatusCodes.Status202Accepted, contentType: "application/json");
    }

    public static async Task<IResult> ListAsync(HttpContext http, ISessionGateway gateway)
    {
        var limit = int.TryParse(http.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 500) : 50;
        var sessions = await gateway.ListAsync(limit, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new JsonObject { ["sessions"] = new JsonArray([.. sessions.Select(s => (JsonNode)SessionJson.Session(s))]) });
    }

    public static async Task<IResult> GetAsync(string id, HttpContext http, ISessionGateway gateway)
    {
        var view = await gateway.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        return view is null ? Results.NotFound() : Results.Json(SessionJson.Session(view));
    }

    public static async Task EventsAsync(string id, HttpContext http, ISessionGateway gateway)
    {
        if (await gateway.GetAsync(id, http.RequestAborted).ConfigureAwait(false) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await EventStream.WriteAsync(http, gateway, id, http.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<IResult> CancelAsync(string id, HttpContext http, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{http.User.Identity?.Name} may not cancel sessions (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        var view = await gateway.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (view is null)
        {
            return Results.NotFound();
        }

        return await gateway.CancelAsync(id, http.RequestAborted).ConfigureAwait(false)
            ? Results.Accepted(value: new { id, cancelling = true })
            : Results.Conflict(new { id, status = view.StatusName, error = "The session has already completed." });
    }

    private static IResult Refuse(ILogger logger, string reason, int status)
    {
        ServerLog.Refused(logger, "api/sessions", reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
