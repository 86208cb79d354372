namespace Honk;

/// <summary>
/// Runs a command inside the session's sandbox (read-only system, writable workspace, network off unless allowed),
/// with a time limit and an output cap. Tools and validators share one runner per session.
/// </summary>
public interface ICommandRunner
{
    /// <summary>Runs a command and waits for it. On cancellation or timeout the whole process tree is killed.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Exit code and captured output.</returns>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A command to run in the sandbox.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments, each passed as one argv entry (no shell parsing).</param>
public sealed record CommandRequest(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Working directory, relative to the workspace root; the root when <see langword="null"/>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Time limit; the runner's default when <see langword="null"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether the command may reach the network (e.g. a package restore). Off by default.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs <paramref name="commandLine"/> through <c>/bin/sh -c</c>.</summary>
    /// <param name="commandLine">The shell command line.</param>
    /// <returns>The request.</returns>
    public static CommandRequest Shell(string commandLine) => new("/bin/sh", ["-c", commandLine]);
}

/// <summary>The outcome of a command.</summary>
/// <param name="ExitCode">The exit code (-1 when killed).</param>
/// <param name="Output">Standard output and error interleaved as they arrived, capped.</param>
/// <param name="Duration">How long it ran.</param>
public sealed record CommandResult(int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>True when the time limit killed the command.</summary>
    public bool TimedOut { get; init; }

    /// <summary>True when output was cut to the cap.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>
    /// The number of the signal that killed the command when Honk did not send it (not the time limit, not
    /// cancellation): an infrastructure failure, never a code failure and never "pre-existing".
    /// <see langword="null"/> when the command exited on its own or Honk stopped it.
    /// </summary>
    public int? KilledBySignal { get; init; }
}
