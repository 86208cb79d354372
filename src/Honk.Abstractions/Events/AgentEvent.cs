using System.Text.Json.Serialization;

namespace Honk;

/// <summary>
/// One step of a session. A session yields all its steps on one <see cref="IAsyncEnumerable{T}"/>: the CLI's progress
/// display, the transcript writer, telemetry, the dashboard and the durable store all read that one stream.
/// </summary>
/// <remarks>
/// Serialized with a <c>type</c> discriminator (snake_case), which is the shape of transcript lines and of the
/// server's event stream.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
[JsonDerivedType(typeof(SessionStarted), "session_started")]
[JsonDerivedType(typeof(TurnStarted), "turn_started")]
[JsonDerivedType(typeof(AssistantTextDelta), "assistant_text_delta")]
[JsonDerivedType(typeof(AssistantTurnCompleted), "assistant_turn")]
[JsonDerivedType(typeof(ModelCallRetrying), "model_retry")]
[JsonDerivedType(typeof(ToolCallStarted), "tool_call")]
[JsonDerivedType(typeof(ToolCallCompleted), "tool_result")]
[JsonDerivedType(typeof(ValidationStarted), "validation_started")]
[JsonDerivedType(typeof(ValidationProgress), "validation_progress")]
[JsonDerivedType(typeof(ValidationCompleted), "validation")]
[JsonDerivedType(typeof(VerdictReached), "verdict")]
[JsonDerivedType(typeof(ContextCompacted), "context_compacted")]
[JsonDerivedType(typeof(LoopDetected), "loop_detected")]
[JsonDerivedType(typeof(BudgetExceeded), "budget_exceeded")]
[JsonDerivedType(typeof(FeedbackSent), "feedback")]
[JsonDerivedType(typeof(DeliveryCompleted), "delivery")]
[JsonDerivedType(typeof(SessionNotice), "notice")]
[JsonDerivedType(typeof(UserMessageDelivered), "user_message")]
[JsonDerivedType(typeof(PlanProposed), "plan_proposed")]
[JsonDerivedType(typeof(PlanDecided), "plan_decision")]
[JsonDerivedType(typeof(SessionCompleted), "session_completed")]
public abstract record AgentEvent
{
    /// <summary>The session the event belongs to.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Position of the event in its session's stream (1-based, no gaps).</summary>
    public long Sequence { get; init; }
}
