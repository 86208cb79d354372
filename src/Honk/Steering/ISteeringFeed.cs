namespace Honk.Steering;

/// <summary>
/// Steering that arrives outside the session's process, e.g. through a store that several hosts share: the inbox
/// takes from it at every turn boundary (and, while a plan waits, every <see cref="SessionInbox.FeedPollInterval"/>),
/// so a message sent to any host reaches the session's next turn.
/// </summary>
public interface ISteeringFeed
{
    /// <summary>Takes what arrived since the last call, oldest first; what is returned is never returned again.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages and plan decisions, in the order they were sent.</returns>
    Task<IReadOnlyList<SteeringItem>> TakeAsync(CancellationToken cancellationToken);
}

/// <summary>One thing sent to a session: a message or a plan decision (exactly one of them).</summary>
public sealed record SteeringItem
{
    /// <summary>A message.</summary>
    /// <param name="message">The message.</param>
    public SteeringItem(SteeringMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
    }

    /// <summary>A plan decision.</summary>
    /// <param name="decision">The decision.</param>
    public SteeringItem(PlanDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Decision = decision;
    }

    /// <summary>The message, when this is one.</summary>
    public SteeringMessage? Message { get; }

    /// <summary>The plan decision, when this is one.</summary>
    public PlanDecision? Decision { get; }
}
