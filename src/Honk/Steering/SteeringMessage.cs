namespace Honk.Steering;

/// <summary>A person's message to a running session.</summary>
/// <param name="Sender">Who sends it: an authenticated identity, never a name taken from a request body.</param>
/// <param name="Text">What the model should read.</param>
public sealed record SteeringMessage(string Sender, string Text)
{
    /// <summary>The longest message accepted, in characters.</summary>
    public const int MaxLength = 8000;
}

/// <summary>A person's answer to a proposed plan.</summary>
/// <param name="Approved">True to let the session edit; false to send the plan back.</param>
/// <param name="DecidedBy">Who decided: an authenticated identity.</param>
/// <param name="Feedback">What should change (or a note with an approval).</param>
public sealed record PlanDecision(bool Approved, string DecidedBy, string? Feedback = null);
