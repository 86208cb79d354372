namespace Honk;

/// <summary>Validators start (the stop gate, or the model's <c>validate</c> tool).</summary>
/// <param name="Round">The stop-gate round (1-based); 0 for a baseline run.</param>
/// <param name="Validators">The names of the validators that apply.</param>
public sealed record ValidationStarted(int Round, IReadOnlyList<string> Validators) : AgentEvent;

/// <summary>Validators finished.</summary>
/// <param name="Round">The round.</param>
/// <param name="Reports">Each validator's result.</param>
public sealed record ValidationCompleted(int Round, IReadOnlyList<ValidatorReport> Reports) : AgentEvent
{
    /// <summary>True when no validator failed.</summary>
    public bool Passed => Reports.All(r => r.Passed);
}

/// <summary>A guard or the judge decided.</summary>
/// <param name="Judge">The judge's name.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record VerdictReached(string Judge, Verdict Verdict) : AgentEvent;

/// <summary>A delivery channel finished.</summary>
/// <param name="Result">Where the change went.</param>
public sealed record DeliveryCompleted(DeliveryResult Result) : AgentEvent;
