namespace Honk.Execution;

/// <summary>What one tool call produced, as the model will read it.</summary>
internal sealed record ToolCallOutcome(string CallId, string Name, string Result, bool IsError, bool Truncated, TimeSpan Duration);
