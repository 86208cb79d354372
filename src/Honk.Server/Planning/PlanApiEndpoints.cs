using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// Planning over the API, under <c>/api/plans</c>: start a conversation from a one-line request, read it (optionally
/// waiting for its next change), answer its questions, send the draft back, check an edited draft and start it. Only
/// the client that started a plan sees and acts on it; starting needs the <c>trigger</c> role.
/// </summary>
internal static class PlanApiEndpoints
{
    /// <summary>The longest a read waits for the plan's next change.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static async Task<IResult> CreateAsync(HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
    {
        var requester = http.User.Identity!.Name!;
        if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{requester} may not plan sessions (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var repositoryText = Text(body!.Value, "repository");
        var request = Text(body.Value, "request");
        if (repositoryText.Length == 0 || request.Length == 0)
        {
            return Refuse(logger, "'repository' and 'request' are required", StatusCodes.Status400BadRequest);
        }

        if (body.Value.TryGetProperty("requester", out _))
        {
            return Refuse(logger, $"'requester' cannot be set: the requester is the authenticated API client ({requester})", StatusCodes.Status400BadRequest);
        }

        if (planning.Unavailable is { } missing)
        {
            return Refuse(logger, missing, StatusCodes.Status503ServiceUnavailable);
        }

        var decision = runtime.Repositories.Resolve(repositoryText);
        if (decision.Repository is not { } repository)
        {
            return Refuse(logger, decision.Error!, decision.Status);
        }

        var plan = planning.Begin(repository, request, requester);
        return Results.Json(Json(plan, http, runtime), statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> GetAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
    {
        if (Own(id, http, planning) is not { } plan)
        {
            return Results.NotFound();
        }

        // ?after=<version>: wait (bounded) until the plan has changed since the version the client saw.
        if (int.TryParse(http.Request.Query["after"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after))
        {
            try
            {
                await plan.WhenChangedAfter(after).WaitAsync(MaxWait, runtime.TimeProvider, http.RequestAborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Unchanged: answer with the plan as it is.
            }
        }

        return Results.Json(Json(plan, http, runtime));
    }

    public static async Task<IResult> AnswerAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
        => await ActAsync(id, http, runtime, planning, logger, "text", (plan, text) => plan.Answer(text), "no question waits for an answer").ConfigureAwait(false);

    public static async Task<IResult> ChangesAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
        => await ActAsync(id, http, runtime, planning, logger, "text", (plan, text) => plan.Revise(text), "no draft waits").ConfigureAwait(false);

    public static async Task<IResult> CheckAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
    {
        if (Own(id, http, planning) is null)
        {
            return Results.NotFound();
        }

        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var problems = HostPlanning.Check(Text(body!.Value, "content", trim: false));
        return Results.Json(new JsonObject { ["valid"] = problems is null, ["problems"] = problems });
    }

    public static async Task<IResult> StartAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
    {
        if (Own(id, http, planning) is not { } plan)
        {
            return Results.NotFound();
        }

        if (!http.User.IsInRole(ApiClientOptions.TriggerRole))
        {
            return Refuse(logger, $"{plan.Requester} may not start sessions (it lacks the 'trigger' role)", StatusCodes.Status403Forbidden);
        }

        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        // Without 'content', the draft as the planner wrote it.
        var content = body!.Value.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : plan.Draft ?? "";
        var started = await planning.StartAsync(plan, content, new SessionSource { Kind = "api", Requester = plan.Requester }, http.RequestAborted).ConfigureAwait(false);
        if (started.Problems is { } problems)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The task file does not parse.", detail: problems);
        }

        if (started.Session is not { } session)
        {
            return Refuse(logger, $"no draft waits (the plan is {Stage(plan)})", StatusCodes.Status409Conflict);
        }

        return Results.Json(Json(plan, http, runtime), statusCode: StatusCodes.Status202Accepted);
    }

    public static IResult Decline(string id, HttpContext http, HostPlanning planning, ILogger<ServerRuntime> logger)
    {
        if (Own(id, http, planning) is not { } plan)
        {
            return Results.NotFound();
        }

        return planning.Decline(plan) ? Results.Accepted(value: new { id, declined = true }) : Refuse(logger, $"the plan is already {Stage(plan)}", StatusCodes.Status409Conflict);
    }

    internal static string Stage(HostedPlan plan) => plan.Stage.ToString().ToLowerInvariant();

    internal static JsonObject Json(HostedPlan plan, HttpContext http, ServerRuntime runtime) => new()
    {
        ["id"] = plan.Id,
        ["repository"] = plan.Repository,
        ["request"] = plan.Request,
        ["requester"] = plan.Requester,
        ["stage"] = Stage(plan),
        ["version"] = plan.Version,
        ["question"] = plan.Question,
        ["questions"] = new JsonArray([.. plan.Answered.Select(q => (JsonNode)new JsonObject { ["question"] = q.Question, ["answer"] = q.Answer })]),
        ["draft"] = plan.Draft,
        ["sessionId"] = plan.SessionId,
        ["reviewUrl"] = plan.SessionId is { } session ? runtime.ReviewUrl(http.Request, session, plan.Requester).ToString() : null,
        ["error"] = plan.Error,
    };

    /// <summary>The plan, when the caller is the one who started it; others get nothing (404, as for no plan).</summary>
    private static HostedPlan? Own(string id, HttpContext http, HostPlanning planning)
        => planning.Find(id) is { } plan && string.Equals(plan.Requester, http.User.Identity?.Name, StringComparison.Ordinal) ? plan : null;

    private static async Task<IResult> ActAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger logger, string field, Func<HostedPlan, string, bool> act, string conflict)
    {
        if (Own(id, http, planning) is not { } plan)
        {
            return Results.NotFound();
        }

        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = Text(body!.Value, field);
        if (text.Length is 0 or > Steering.SteeringMessage.MaxLength)
        {
            return Refuse(logger, $"'{field}' is required (at most {Steering.SteeringMessage.MaxLength} characters)", StatusCodes.Status400BadRequest);
        }

        return act(plan, text) ? Results.Accepted(value: new { id, accepted = true }) : Refuse(logger, $"{conflict} (the plan is {Stage(plan)})", StatusCodes.Status409Conflict);
    }

    private static string Text(JsonElement body, string name, bool trim = true)
        => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? (trim ? value.GetString()!.Trim() : value.GetString()!) : "";

    private static async Task<(JsonElement? Body, IResult? Refusal)> ReadAsync(HttpContext http, ServerRuntime runtime, ILogger logger)
    {
        var (body, refusal, status) = await RequestBody.ReadJsonObjectAsync(http.Request, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        return refusal is null ? (body, null) : (null, Refuse(logger, refusal, status));
    }

    private static IResult Refuse(ILogger logger, string reason, int status)
    {
        ServerLog.Refused(logger, "api/plans", reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
