using Honk.Steering;

namespace Honk.Server;

/// <summary>What became of a message or plan decision sent to a session.</summary>
public enum SteeringOutcome
{
    /// <summary>Accepted: the session reads it at its next turn boundary.</summary>
    Accepted,

    /// <summary>There is no such session.</summary>
    NotFound,

    /// <summary>The session has already ended.</summary>
    Ended,

    /// <summary>A plan decision, but the session waits on no plan.</summary>
    NoPlanWaiting,
}

/// <summary>
/// Steering for the server's endpoints: messages and plan decisions to queued or running sessions. The endpoints check
/// who may steer (the requester or an approver); this only delivers.
/// </summary>
public interface ISessionSteeringGateway
{
    /// <summary>Sends a message to a session.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="message">The message; its sender is the authenticated identity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What became of it.</returns>
    ValueTask<SteeringOutcome> SendAsync(string sessionId, SteeringMessage message, CancellationToken cancellationToken = default);

    /// <summary>Answers the plan a session waits on.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="decision">The decision; its author is the authenticated identity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What became of it.</returns>
    ValueTask<SteeringOutcome> DecidePlanAsync(string sessionId, PlanDecision decision, CancellationToken cancellationToken = default);
}
