namespace Honk;

/// <summary>The session started.</summary>
/// <param name="Task">The task.</param>
/// <param name="WorkspaceRoot">The workspace folder, when there is one.</param>
/// <param name="Model">The model's id, when known.</param>
public sealed record SessionStarted(CodingTask Task, string? WorkspaceRoot, string? Model) : AgentEvent
{
    /// <summary>The budget in force for this session.</summary>
    public Budget Budget { get; init; } = Budget.Unlimited;

    /// <summary>The version of the prompt template, when a prompt builder assembled the instructions.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>A digest of the assembled system prompt.</summary>
    public string? PromptDigest { get; init; }
}

/// <summary>A free-form note for people: a warning, a baseline finding, a detail of the run.</summary>
/// <param name="Level">"info" or "warning".</param>
/// <param name="Message">The note.</param>
public sealed record SessionNotice(string Level, string Message) : AgentEvent;

/// <summary>The session ended. Always the last event of a stream.</summary>
/// <param name="Result">The result.</param>
public sealed record SessionCompleted(SessionResult Result) : AgentEvent;

/// <summary>A budget limit was hit; the session ends with <see cref="SessionStatus.BudgetExceeded"/>.</summary>
/// <param name="Limit">Which limit: turns, input_tokens, output_tokens, cost_usd, wall_time, tool_calls.</param>
/// <param name="Detail">The numbers, e.g. "51 turns > 50".</param>
public sealed record BudgetExceeded(string Limit, string Detail) : AgentEvent;

/// <summary>The same tool call repeated on an unchanged workspace.</summary>
/// <param name="ToolName">The repeated tool.</param>
/// <param name="Repeats">How many times in a row.</param>
/// <param name="Terminal">False for the warning sent to the model; true when the session ends because of it.</param>
public sealed record LoopDetected(string ToolName, int Repeats, bool Terminal) : AgentEvent;

/// <summary>The oldest tool results were shortened to keep the conversation inside the context window.</summary>
/// <param name="ResultsCompacted">How many tool results were shortened.</param>
/// <param name="EstimatedTokensBefore">Estimated conversation size before.</param>
/// <param name="EstimatedTokensAfter">Estimated conversation size after.</param>
public sealed record ContextCompacted(int ResultsCompacted, long EstimatedTokensBefore, long EstimatedTokensAfter) : AgentEvent;

/// <summary>The framework sent the model back to work (stop-gate findings, a veto, a loop warning).</summary>
/// <param name="Source">Who sent it: stop_gate, judge, loop_detector.</param>
/// <param name="Message">The text the model received.</param>
public sealed record FeedbackSent(string Source, string Message) : AgentEvent;
