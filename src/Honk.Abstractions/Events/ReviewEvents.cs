namespace Honk;

/// <summary>Validators start (the stop gate, or the model's <c>validate</c> tool).</summary>
/// <param name="Round">The stop-gate round (1-based); 0 for a baseline run.</param>
/// <param name="Validators">The names of the validators that apply.</param>
public sealed record ValidationStarted(int Round, IReadOnlyList<string> Validators) : AgentEvent;

/// <summary>
/// A validator's command started, or is still running (a heartbeat): live progress for people watching a long check.
/// Transcripts skip these, as they skip streamed text.
/// </summary>
/// <param name="Round">The round, as in <see cref="ValidationStarted"/>.</param>
/// <param name="Validator">The validator's name.</param>
/// <param name="Command">The command line, shortened (e.g. <c>npm test</c>).</param>
/// <param name="Elapsed">How long the command has run; zero when it starts.</param>
/// <param name="LastOutputLine">The last line the command printed so far, when any.</param>
public sealed record ValidationProgress(int Round, string Validator, string Command, TimeSpan Elapsed, string? LastOutputLine) : AgentEvent;

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
