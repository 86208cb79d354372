using System.Globalization;

namespace Honk.Execution;

/// <summary>Counts what a session spends and names the first limit it crosses.</summary>
internal sealed class BudgetTracker(Budget budget, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public Budget Budget => budget;

    public int Turns { get; private set; }

    public int ToolCalls { get; private set; }

    public SessionUsage Usage { get; private set; } = SessionUsage.Zero;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public void AddTurn() => Turns++;

    public void AddToolCall() => ToolCalls++;

    public void AddUsage(SessionUsage usage) => Usage += usage;

    /// <summary>Checked before a model turn: may another turn start?</summary>
    public BudgetExceeded? CheckBeforeTurn()
        => budget.MaxTurns is { } maxTurns && Turns >= maxTurns ? new BudgetExceeded("turns", $"{Turns} turns used of {maxTurns}") : CheckSpend();

    /// <summary>Checked before a tool call: may another call run?</summary>
    public BudgetExceeded? CheckBeforeToolCall()
        => budget.MaxToolCalls is { } maxCalls && ToolCalls >= maxCalls ? new BudgetExceeded("tool_calls", $"{ToolCalls} tool calls used of {maxCalls}") : CheckWallTime();

    /// <summary>Checked after every model response: tokens, cost and time.</summary>
    public BudgetExceeded? CheckSpend()
    {
        if (budget.MaxInputTokens is { } maxInput && Usage.InputTokens > maxInput)
        {
            return new BudgetExceeded("input_tokens", $"{Usage.InputTokens:N0} input tokens > {maxInput:N0}");
        }

        if (budget.MaxOutputTokens is { } maxOutput && Usage.OutputTokens > maxOutput)
        {
            return new BudgetExceeded("output_tokens", $"{Usage.OutputTokens:N0} output tokens > {maxOutput:N0}");
        }

        if (budget.MaxCostUsd is { } maxCost && Usage.CostUsd > maxCost)
        {
            return new BudgetExceeded("cost_usd", string.Create(CultureInfo.InvariantCulture, $"${Usage.CostUsd:0.0000} > ${maxCost:0.00}"));
        }

        return CheckWallTime();
    }

    public BudgetExceeded? CheckWallTime()
        => budget.MaxWallTime is { } maxTime && Elapsed >= maxTime
            ? new BudgetExceeded("wall_time", string.Create(CultureInfo.InvariantCulture, $"{Elapsed.TotalSeconds:0.#} s >= {maxTime.TotalSeconds:0.#} s"))
            : null;
}
