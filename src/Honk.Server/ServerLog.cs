using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>The server's source-generated log messages. Refusals are warnings: each one is a request that did not start a session.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Warning, "Refused {Endpoint} request: {Reason} (status {StatusCode}).")]
    public static partial void Refused(ILogger logger, string endpoint, string reason, int statusCode);

    [LoggerMessage(2, LogLevel.Information, "Session {SessionId} queued from {Origin} for {Requester} on {Repository}.")]
    public static partial void Queued(ILogger logger, string sessionId, string origin, string requester, string repository);

    [LoggerMessage(3, LogLevel.Information, "Acknowledged a {Provider} retry or replay of {DeliveryId} without running it again.")]
    public static partial void ReplayAcknowledged(ILogger logger, string provider, string deliveryId);

    [LoggerMessage(4, LogLevel.Error, "Replying to {Origin} for session {SessionId} failed.")]
    public static partial void ReplyFailed(ILogger logger, Exception exception, string origin, string sessionId);

    [LoggerMessage(5, LogLevel.Information, "Session {SessionId} approved by {Approver}: {Detail}.")]
    public static partial void Approved(ILogger logger, string sessionId, string approver, string detail);

    [LoggerMessage(6, LogLevel.Warning, "Approval of session {SessionId} by {Approver} failed: {Detail}.")]
    public static partial void ApprovalFailed(ILogger logger, string sessionId, string approver, string detail);

    [LoggerMessage(7, LogLevel.Information, "Changes requested on session {SessionId} by {Reviewer}: follow-up {FollowUpId}.")]
    public static partial void ChangesRequested(ILogger logger, string sessionId, string reviewer, string followUpId);

    [LoggerMessage(40, LogLevel.Error, "Planning conversation {PlanId} failed.")]
    public static partial void PlanningFailed(ILogger logger, Exception exception, string planId);

    [LoggerMessage(41, LogLevel.Error, "Posting planning conversation {PlanId} to Slack failed.")]
    public static partial void PlanningReplyFailed(ILogger logger, Exception exception, string planId);

    [LoggerMessage(42, LogLevel.Information, "Session {SessionId}'s Slack answer was scheduled and not sent before the restart: scheduled again.")]
    public static partial void ReplyRescheduled(ILogger logger, string sessionId);
}
