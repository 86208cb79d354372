namespace Honk.Steering;

/// <summary>
/// The handle a person (through a host) uses on a running session: add a message, answer its plan, or stop it. Every
/// call is safe from any thread while the session runs; after the session ends they return false.
/// </summary>
public interface ISessionSteering
{
    /// <summary>True until the session has ended.</summary>
    bool IsOpen { get; }

    /// <summary>The plan the session waits on, when it waits for approval; otherwise <see langword="null"/>.</summary>
    string? PendingPlan { get; }

    /// <summary>
    /// Queues a message; the loop delivers it at the next turn boundary (before the next model call) as user feedback.
    /// A message that arrives while the model is finishing sends it back for another turn.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>False when the session has already ended.</returns>
    /// <exception cref="ArgumentException">The sender or text is empty, or the text is longer than <see cref="SteeringMessage.MaxLength"/>.</exception>
    bool Send(SteeringMessage message);

    /// <summary>Answers the plan the session waits on (see <see cref="PendingPlan"/>), or the next one it proposes.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>False when the session has already ended.</returns>
    bool DecidePlan(PlanDecision decision);

    /// <summary>Stops the session: it ends <c>cancelled</c>, keeping its work as any cancellation does.</summary>
    /// <param name="stoppedBy">Who stopped it, for the result's message.</param>
    /// <returns>False when the session has already ended.</returns>
    bool Stop(string stoppedBy);
}
