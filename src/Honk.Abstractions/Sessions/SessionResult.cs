namespace Honk;

/// <summary>How a session ended and what it produced. The CLI's fixed <c>--json</c> output is drawn from this.</summary>
public sealed record SessionResult
{
    /// <summary>The session's id.</summary>
    public required string SessionId { get; init; }

    /// <summary>The final status.</summary>
    public required SessionStatus Status { get; init; }

    /// <summary>One human-readable sentence on why the session ended this way.</summary>
    public string? Message { get; init; }

    /// <summary>The branch holding the change, when one was created.</summary>
    public string? Branch { get; init; }

    /// <summary>The commit holding the change, when one was made.</summary>
    public string? Commit { get; init; }

    /// <summary>Paths (relative to the repository root, '/' separated) the session changed.</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    /// <summary>The last validation the session ran (the stop gate's or the <c>validate</c> tool's): every validator's result.</summary>
    public IReadOnlyList<ValidatorReport> Validators { get; init; } = [];

    /// <summary>
    /// The failures the last validation tolerated because the untouched base already had them and they are not the
    /// session's business, as <c>validator: failure</c> lines (also marked <c>(pre-existing)</c> in the summaries).
    /// </summary>
    public IReadOnlyList<string> PreExistingFailures { get; init; } = [];

    /// <summary>The last verdict of the judge, when one ran.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Every verdict of every guard and judge, in order.</summary>
    public IReadOnlyList<JudgeReport> Verdicts { get; init; } = [];

    /// <summary>The last delivery channel's result, when the change was delivered.</summary>
    public DeliveryResult? Delivery { get; init; }

    /// <summary>Every delivery channel's result, in the order they ran.</summary>
    public IReadOnlyList<DeliveryResult> Deliveries { get; init; } = [];

    /// <summary>Number of model turns taken.</summary>
    public int Turns { get; init; }

    /// <summary>Number of tool calls made.</summary>
    public int ToolCalls { get; init; }

    /// <summary>Tokens and cost.</summary>
    public SessionUsage Usage { get; init; } = SessionUsage.Zero;

    /// <summary>Wall-clock duration of the session.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The path of the JSONL transcript, when one was written.</summary>
    public string? Transcript { get; init; }

    /// <summary>The model's final words (its last text without tool calls), when it gave any.</summary>
    public string? Summary { get; init; }

    /// <summary>The version of the prompt template the model was instructed with.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>A digest of the exact instructions the model received.</summary>
    public string? PromptDigest { get; init; }

    /// <summary>True for the statuses the CLI treats as success (exit code 0): succeeded and no_changes.</summary>
    public bool IsSuccess => Status is SessionStatus.Succeeded or SessionStatus.NoChanges;
}
