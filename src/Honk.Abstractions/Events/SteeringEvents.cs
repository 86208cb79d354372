namespace Honk;

/// <summary>
/// A person's message to a running session, delivered to the model at a turn boundary as user feedback (steering).
/// </summary>
/// <param name="Turn">The turn the model reads it in (the next model call).</param>
/// <param name="Sender">Who sent it: an authenticated identity (<c>slack:U123</c>, <c>api:ci</c>, a login name).</param>
/// <param name="Text">The message, as the model reads it (redacted).</param>
public sealed record UserMessageDelivered(int Turn, string Sender, string Text) : AgentEvent
{
    /// <summary>True when the message arrived as the model was finishing, so the loop gave it another turn instead of finishing.</summary>
    public bool BeforeFinish { get; init; }
}

/// <summary>The model proposed its plan and the session waits for a person to approve it before any edit.</summary>
/// <param name="Plan">The plan, as the model wrote it.</param>
public sealed record PlanProposed(string Plan) : AgentEvent;

/// <summary>A person approved the proposed plan, or turned it down with what to change.</summary>
/// <param name="Approved">True when approved: edits are allowed from now on.</param>
/// <param name="DecidedBy">Who decided (an authenticated identity).</param>
/// <param name="Feedback">What should change (when turned down) or a note (when approved).</param>
public sealed record PlanDecided(bool Approved, string DecidedBy, string? Feedback) : AgentEvent;
