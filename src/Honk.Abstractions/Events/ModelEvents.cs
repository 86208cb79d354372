namespace Honk;

/// <summary>A model turn begins.</summary>
/// <param name="Turn">The turn number (1-based).</param>
public sealed record TurnStarted(int Turn) : AgentEvent;

/// <summary>A piece of the model's text as it streams in (for live display; transcripts may skip these).</summary>
/// <param name="Turn">The turn number.</param>
/// <param name="Text">The new text.</param>
public sealed record AssistantTextDelta(int Turn, string Text) : AgentEvent;

/// <summary>A call the model asked for.</summary>
/// <param name="CallId">The provider's call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments as JSON (redacted in transcripts).</param>
public sealed record ToolCallRequest(string CallId, string Name, string ArgumentsJson);

/// <summary>The model finished one response.</summary>
/// <param name="Turn">The turn number.</param>
/// <param name="Text">Its text, when any.</param>
/// <param name="ToolCalls">The calls it asked for (none means the model is done).</param>
/// <param name="Usage">Tokens and cost of this call.</param>
public sealed record AssistantTurnCompleted(int Turn, string? Text, IReadOnlyList<ToolCallRequest> ToolCalls, SessionUsage Usage) : AgentEvent
{
    /// <summary>The provider's finish reason, when reported (stop, length, tool_calls, content_filter).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The model id the provider reported.</summary>
    public string? ModelId { get; init; }
}

/// <summary>A model call failed transiently and will be retried after a delay.</summary>
/// <param name="Attempt">The attempt that failed (1-based).</param>
/// <param name="Delay">How long the loop waits before the next attempt.</param>
/// <param name="Reason">What failed, e.g. "429 Too Many Requests".</param>
public sealed record ModelCallRetrying(int Attempt, TimeSpan Delay, string Reason) : AgentEvent;
