namespace Honk;

/// <summary>
/// How the agent loop behaves: budgets, retries, output caps, compaction, loop detection and stop-gate rounds.
/// Every property has a documented default; <see cref="Validate"/> checks the ranges.
/// </summary>
public sealed class AgentLoopOptions
{
    /// <summary>Limits applied to every session (combined with a task's own budget; the tighter wins). Default: <see cref="Honk.Budget.Default"/>.</summary>
    public Budget Budget { get; set; } = Budget.Default;

    /// <summary>Maximum lines of one tool result the model sees; head and tail are kept. Default 400.</summary>
    public int MaxToolResultLines { get; set; } = 400;

    /// <summary>Maximum characters of one tool result the model sees; head and tail are kept. Default 32,000.</summary>
    public int MaxToolResultChars { get; set; } = 32_000;

    /// <summary>Largest tool-call argument payload accepted, in bytes of JSON. Default 1 MiB.</summary>
    public int MaxToolArgumentBytes { get; set; } = 1024 * 1024;

    /// <summary>The model's context window in tokens, for compaction. Default 200,000.</summary>
    public int ContextWindowTokens { get; set; } = 200_000;

    /// <summary>Compaction starts when the estimated conversation exceeds this fraction of the window. Default 0.7.</summary>
    public double CompactionThreshold { get; set; } = 0.7;

    /// <summary>The most recent tool results that compaction never shortens. Default 6.</summary>
    public int CompactionKeepRecentResults { get; set; } = 6;

    /// <summary>The same call on an unchanged workspace this many times draws a warning to the model. Default 3.</summary>
    public int LoopWarningThreshold { get; set; } = 3;

    /// <summary>The same call on an unchanged workspace this many times ends the session (status failed). Default 5.</summary>
    public int LoopFailureThreshold { get; set; } = 5;

    /// <summary>How many times the stop gate may send the model back before the session ends validation_failed. Default 3.</summary>
    public int MaxStopGateRounds { get; set; } = 3;

    /// <summary>How many vetoes the model may try to recover from before the session ends vetoed. Default 2.</summary>
    public int MaxJudgeRounds { get; set; } = 2;

    /// <summary>Retries of a transient model failure (429, 5xx, timeout) before the session fails. Default 6.</summary>
    public int MaxModelRetries { get; set; } = 6;

    /// <summary>First backoff delay; doubled each attempt, with jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single backoff delay, including a provider's Retry-After. Default 60 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Total time the loop may spend waiting on retries of one model call. Default 5 minutes.</summary>
    public TimeSpan RetryMaxTotalDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time limit of one model call (a stalled stream counts as a transient failure). Default 5 minutes.</summary>
    public TimeSpan ModelCallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Emit <see cref="AssistantTextDelta"/> events while the model streams. Default true.</summary>
    public bool EmitTextDeltas { get; set; } = true;

    /// <summary>
    /// How often a running check's command reports that it is still running (<see cref="ValidationProgress"/>), with
    /// its last output line; <see cref="TimeSpan.Zero"/> turns the reports off. Default 10 seconds.
    /// </summary>
    public TimeSpan ValidationProgressInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A copy, so a running session is not affected by later changes to shared options.</summary>
    /// <returns>The copy.</returns>
    public AgentLoopOptions Clone() => (AgentLoopOptions)MemberwiseClone();

    /// <summary>Returns every out-of-range setting, one message each; empty when all are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(Budget is not null, "Budget must not be null.");
        Check(MaxToolResultLines >= 10, "MaxToolResultLines must be at least 10.");
        Check(MaxToolResultChars >= 500, "MaxToolResultChars must be at least 500.");
        Check(MaxToolArgumentBytes >= 1024, "MaxToolArgumentBytes must be at least 1024.");
        Check(ContextWindowTokens >= 1000, "ContextWindowTokens must be at least 1000.");
        Check(CompactionThreshold is > 0 and <= 1, "CompactionThreshold must be in (0, 1].");
        Check(CompactionKeepRecentResults >= 0, "CompactionKeepRecentResults must not be negative.");
        Check(LoopWarningThreshold >= 2, "LoopWarningThreshold must be at least 2.");
        Check(LoopFailureThreshold > LoopWarningThreshold, "LoopFailureThreshold must be greater than LoopWarningThreshold.");
        Check(MaxStopGateRounds >= 0, "MaxStopGateRounds must not be negative.");
        Check(ValidationProgressInterval >= TimeSpan.Zero, "ValidationProgressInterval must not be negative.");
        Check(MaxJudgeRounds >= 0, "MaxJudgeRounds must not be negative.");
        Check(MaxModelRetries >= 0, "MaxModelRetries must not be negative.");
        Check(RetryBaseDelay >= TimeSpan.Zero, "RetryBaseDelay must not be negative.");
        Check(RetryMaxDelay >= RetryBaseDelay, "RetryMaxDelay must be at least RetryBaseDelay.");
        Check(RetryMaxTotalDelay >= TimeSpan.Zero, "RetryMaxTotalDelay must not be negative.");
        Check(ModelCallTimeout > TimeSpan.Zero, "ModelCallTimeout must be positive.");
        return errors;
    }
}
