namespace Honk.Validators;

/// <summary>
/// Settings every command-running validator shares. Toolchain validators derive their own options from this class
/// (e.g. <see cref="DotnetValidatorOptions"/>). Snapshot semantics: a validator reads its options when it runs.
/// </summary>
public class ValidatorOptions
{
    /// <summary>Whether <see cref="BuiltInValidators.Create"/> includes the validator. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The time limit of one validation (all its commands together); the command that runs past it is killed.
    /// Default: 10 minutes.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Lets the validator's package-restore commands reach the network. Off by default: validators then build only
    /// from what is already restored, and say so when a restore is missing.
    /// </summary>
    public bool AllowNetwork { get; set; }

    /// <summary>Re-runs failing tests once, alone, to tell flaky tests from real failures. Default: true.</summary>
    public bool RerunFailedTests { get; set; } = true;

    /// <summary>
    /// The most failing tests re-run for flakiness; more failures than this are taken as real. Default: 20 (each runner
    /// re-runs its selection in one command; a loaded machine timed out 13 tests of one workspace at once).
    /// </summary>
    public int MaxFlakyReruns { get; set; } = 20;

    /// <summary>The largest failure summary, in UTF-8 bytes. Default: 2,048.</summary>
    public int MaxSummaryBytes { get; set; } = SummaryBuilder.DefaultMaxBytes;

    /// <summary>Extra environment variables for every command the validator runs (a step's own variables win).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public virtual void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The validator time limit must be positive and at most one day.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxFlakyReruns, nameof(MaxFlakyReruns));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSummaryBytes, 256, nameof(MaxSummaryBytes));
    }
}
