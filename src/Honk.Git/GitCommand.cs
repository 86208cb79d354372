namespace Honk.Git;

/// <summary>One git invocation for <see cref="GitRunner"/>.</summary>
/// <param name="WorkingDirectory">Where git runs (passed as <c>-C</c>); <see langword="null"/> for commands that need no repository.</param>
/// <param name="Arguments">The git arguments, each one argv entry (never a shell).</param>
public sealed record GitCommand(string? WorkingDirectory, IReadOnlyList<string> Arguments)
{
    /// <summary>The time limit; the runner's default when <see langword="null"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Extra variables on top of the runner's environment, e.g. <c>GIT_INDEX_FILE</c> or a commit's identity.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Literal secrets to mask in the command line and the output, besides URL credentials.</summary>
    public IReadOnlyCollection<string>? Secrets { get; init; }

    /// <summary>Overrides <see cref="GitRunnerOptions.RedactStandardOutput"/> for this command (false to read a value that holds a credential on purpose).</summary>
    public bool? RedactStandardOutput { get; init; }

    /// <summary>
    /// Receives the output as it arrives, in arrival order, instead of the result collecting it; it may stop git early.
    /// The result's <see cref="GitResult.StandardOutput"/> and <see cref="GitResult.StandardError"/> are empty then.
    /// </summary>
    public IGitOutputObserver? Observer { get; init; }
}
