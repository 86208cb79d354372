namespace Honk;

/// <summary>A tool call starts.</summary>
/// <param name="Turn">The turn that asked for it.</param>
/// <param name="Call">The call.</param>
public sealed record ToolCallStarted(int Turn, ToolCallRequest Call) : AgentEvent;

/// <summary>A tool call finished; <see cref="Result"/> is exactly what the model reads (after capping).</summary>
/// <param name="Turn">The turn that asked for it.</param>
/// <param name="CallId">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Result">The text the model receives.</param>
/// <param name="IsError">True when the call failed (unknown tool, bad arguments, a tool error).</param>
/// <param name="Duration">How long it ran.</param>
public sealed record ToolCallCompleted(int Turn, string CallId, string Name, string Result, bool IsError, TimeSpan Duration) : AgentEvent
{
    /// <summary>True when the result was capped (head and tail kept).</summary>
    public bool Truncated { get; init; }
}
