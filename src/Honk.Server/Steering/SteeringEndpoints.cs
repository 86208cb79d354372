using System.Text.Json;
using Honk.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// Steering a session from the API and the review page: a message (<c>POST /api/sessions/{id}/messages</c>,
/// <c>POST /review/{id}/message</c>) or a plan decision (<c>…/plan</c>). The sender is always the authenticated identity
/// (the API key's client, the review link's subject), never a name in the body; only the session's requester or an
/// approver may steer it.
/// </summary>
internal static class SteeringEndpoints
{
    public static async Task<IResult> ApiMessageAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = body!.Value.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
        if (body.Value.TryGetProperty("sender", out _) || body.Value.TryGetProperty("from", out _))
        {
            return Refuse(logger, "'sender' cannot be set: the sender is the authenticated API client", StatusCodes.Status400BadRequest);
        }

        if (text.Length is 0 or > SteeringMessage.MaxLength)
        {
            return Refuse(logger, $"'text' is required (at most {SteeringMessage.MaxLength} characters)", StatusCodes.Status400BadRequest);
        }

        var sender = http.User.Identity!.Name!;
        if (await MaySteerAsync(id, sender, http, runtime, gateway).ConfigureAwait(false) is { } denied)
        {
            return Refuse(logger, denied.Reason, denied.Status);
        }

        var outcome = await Steering(http).SendAsync(id, new SteeringMessage(sender, text), http.RequestAborted).ConfigureAwait(false);
        return Answer(id, outcome, logger);
    }

    public static async Task<IResult> ApiPlanAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (body, refusal) = await ReadAsync(http, runtime, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!body!.Value.TryGetProperty("approved", out var approved) || approved.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Refuse(logger, "'approved' (true or false) is required", StatusCodes.Status400BadRequest);
        }

        var feedback = body.Value.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var sender = http.User.Identity!.Name!;
        if (await MaySteerAsync(id, sender, http, runtime, gateway, approving: true).ConfigureAwait(false) is { } denied)
        {
            return Refuse(logger, denied.Reason, denied.Status);
        }

        var outcome = await Steering(http).DecidePlanAsync(id, new PlanDecision(approved.GetBoolean(), sender, feedback), http.RequestAborted).ConfigureAwait(false);
        return Answer(id, outcome, logger);
    }

    public static async Task<IResult> ReviewMessageAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (subject, token, form, refusal) = await ReviewSubjectAsync(id, http, runtime, gateway, logger, approving: false).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = form!["text"].ToString().Trim();
        if (text.Length is 0 or > SteeringMessage.MaxLength)
        {
            return Back(id, token!, $"Write a message (at most {SteeringMessage.MaxLength} characters).");
        }

        var outcome = await Steering(http).SendAsync(id, new SteeringMessage(subject!, text), http.RequestAborted).ConfigureAwait(false);
        return Back(id, token!, outcome == SteeringOutcome.Accepted ? "Message sent: the session reads it at its next turn." : "The session has already ended.");
    }

    public static async Task<IResult> ReviewPlanAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (subject, token, form, refusal) = await ReviewSubjectAsync(id, http, runtime, gateway, logger, approving: true).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var approved = form!["decision"].ToString() == "approve";
        var feedback = form["text"].ToString().Trim();
        var outcome = await Steering(http).DecidePlanAsync(id, new PlanDecision(approved, subject!, feedback.Length == 0 ? null : feedback), http.RequestAborted).ConfigureAwait(false);
        return Back(id, token!, outcome switch
        {
            SteeringOutcome.Accepted => approved ? "Plan approved: the session may edit now." : "Plan sent back.",
            SteeringOutcome.NoPlanWaiting => "The session waits on no plan.",
            _ => "The session has already ended.",
        });
    }

    /// <summary>The requester, or anyone who may approve the session, may steer it; others get 403.</summary>
    internal static async Task<(string Reason, int Status)?> MaySteerAsync(string id, string sender, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, bool approving = false)
    {
        var view = await gateway.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (view is null)
        {
            return ("no such session", StatusCodes.Status404NotFound);
        }

        var requester = view.Source.Requester;
        var isRequester = string.Equals(sender, requester, StringComparison.Ordinal);

        // A plan decision is an approval: the requester may give it unless requesters may not approve their own sessions.
        var allowed = runtime.MayApprove(sender, requester) || (isRequester && (!approving || runtime.Options.Access.RequesterMayApprove));
        return allowed ? null : ($"{sender} may not steer session {id}: only its requester or an approver may", StatusCodes.Status403Forbidden);
    }

    private static ISessionSteeringGateway Steering(HttpContext http) => http.RequestServices.GetRequiredService<ISessionSteeringGateway>();

    private static async Task<(JsonElement? Body, IResult? Refusal)> ReadAsync(HttpContext http, ServerRuntime runtime, ILogger logger)
    {
        var (body, refusal, status) = await RequestBody.ReadJsonObjectAsync(http.Request, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        return refusal is null ? (body, null) : (null, Refuse(logger, refusal, status));
    }

    /// <summary>The caller, known and allowed before the body is read (<see cref="PageForm"/>), and its capped form.</summary>
    private static async Task<(string? Subject, string? Token, IFormCollection? Form, IResult? Refusal)> ReviewSubjectAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger logger, bool approving)
    {
        if (!PageForm.IsUrlEncoded(http.Request))
        {
            return (null, null, null, Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        }

        var token = PageForm.CallerToken(http.Request);
        var subject = string.IsNullOrEmpty(token) ? null : runtime.Links.ValidateForSession(id, token);
        if (subject is null)
        {
            ServerLog.Refused(logger, "review", "no valid token for the session", 404);
            return (null, null, null, NotFound());
        }

        if (await MaySteerAsync(id, subject, http, runtime, gateway, approving).ConfigureAwait(false) is { } denied)
        {
            ServerLog.Refused(logger, "review", denied.Reason, denied.Status);
            return (null, null, null, Results.Content(HtmlLayout.Page("Not allowed", "<h1>Not allowed</h1><p>Only the person who asked for this session or an approver may steer it.</p>"), "text/html; charset=utf-8", statusCode: denied.Status));
        }

        var (form, status) = await PageForm.ReadAsync(http.Request, token!, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (form is null)
        {
            ServerLog.Refused(logger, "review", "unreadable, too large, or without the caller's token", status);
            return (null, null, null, status == StatusCodes.Status404NotFound ? NotFound() : Results.StatusCode(status));
        }

        return (subject, token, form, null);
    }

    private static IResult NotFound()
        => Results.Content(HtmlLayout.Page("Not found", "<h1>Not found</h1><p>This link is not valid (it may have expired).</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Answer(string id, SteeringOutcome outcome, ILogger logger) => outcome switch
    {
        SteeringOutcome.Accepted => Results.Accepted(value: new { id, accepted = true }),
        SteeringOutcome.NotFound => Results.NotFound(),
        SteeringOutcome.NoPlanWaiting => Refuse(logger, "the session waits on no plan", StatusCodes.Status409Conflict),
        _ => Refuse(logger, "the session has already ended", StatusCodes.Status409Conflict),
    };

    private static IResult Back(string id, string token, string notice)
        => Results.Redirect($"/review/{Uri.EscapeDataString(id)}?t={Uri.EscapeDataString(token)}&notice={Uri.EscapeDataString(notice)}", permanent: false);

    private static IResult Refuse(ILogger logger, string reason, int status)
    {
        ServerLog.Refused(logger, "api/sessions/steer", reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
