namespace Honk.Hosting;

/// <summary>One entry of the effects ledger: a side effect of a session (push, pull request, Slack message, merge).</summary>
/// <param name="SessionId">The session.</param>
/// <param name="EffectKey">The idempotency key, unique within the session (e.g. <c>delivery:push</c>).</param>
/// <param name="State">Where it is.</param>
public sealed record EffectRecord(string SessionId, string EffectKey, EffectState State)
{
    /// <summary>When the key was first recorded.</summary>
    public DateTimeOffset BeganAt { get; init; }

    /// <summary>When the outcome was recorded.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many times the effect was begun (more than 1 only when an earlier attempt failed or never happened).</summary>
    public int Attempts { get; init; }

    /// <summary>The outcome as JSON (for delivery, a <see cref="DeliveryResult"/>).</summary>
    public string? OutcomeJson { get; init; }
}
