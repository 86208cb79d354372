using Honk.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// Steering from Slack: a mention of the app in the thread of a session that has not ended is a message to it
/// (<c>@honk keep the public API as it is</c>), <c>@honk stop</c> stops it, <c>@honk approve plan</c> /
/// <c>@honk reject plan: …</c> answer its plan. Only the session's requester or an approver may steer it.
/// </summary>
internal static class SlackSteering
{
    /// <summary>How many recent sessions are searched for the thread.</summary>
    private const int RecentSessions = 200;

    public static async Task<bool> TryHandleAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway, SlackEventRequest request, string sender, ILogger logger)
    {
        if (request.ChannelId is null || request.ThreadTs is null || HonkMention.FromSlackMention(request.Text ?? "") is not { } text)
        {
            return false;
        }

        var sessions = await gateway.ListAsync(RecentSessions, http.RequestAborted).ConfigureAwait(false);
        var session = sessions.FirstOrDefault(s => s.State != SessionState.Completed && s.Source.SlackChannel == request.ChannelId && s.Source.SlackThreadTs == request.ThreadTs);
        if (session is null)
        {
            return false;
        }

        var approving = text.StartsWith("approve plan", StringComparison.OrdinalIgnoreCase) || text.StartsWith("reject plan", StringComparison.OrdinalIgnoreCase);
        if (await SteeringEndpoints.MaySteerAsync(session.Id, sender, http, runtime, gateway, approving).ConfigureAwait(false) is { } denied)
        {
            // Handled: a refused steer must not start a new session from the same thread.
            ServerLog.Refused(logger, "slack/events", denied.Reason, 200);
            return true;
        }

        var steering = http.RequestServices.GetRequiredService<ISessionSteeringGateway>();
        if (text.Equals("stop", StringComparison.OrdinalIgnoreCase))
        {
            await gateway.CancelAsync(session.Id, http.RequestAborted).ConfigureAwait(false);
        }
        else if (approving)
        {
            var approved = text.StartsWith("approve", StringComparison.OrdinalIgnoreCase);
            var feedback = text[(approved ? "approve plan" : "reject plan").Length..].TrimStart(':', ' ').Trim();
            await steering.DecidePlanAsync(session.Id, new PlanDecision(approved, sender, feedback.Length == 0 ? null : feedback), http.RequestAborted).ConfigureAwait(false);
        }
        else if (text.Length <= SteeringMessage.MaxLength)
        {
            await steering.SendAsync(session.Id, new SteeringMessage(sender, text), http.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }
}
