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

    /// <summary>
    /// Whether the command may reach the network (e.g. a package restore). Off by default. A sandboxed runner then
    /// turns package managers' lifecycle scripts off; pair it with <see cref="ManifestView"/> so the command sees no
    /// sources and no secrets.
    /// </summary>
    public bool AllowNetwork { get; init; }

    /// <summary>
    /// Shows the command only the workspace's manifests and output folders instead of the whole workspace (for
    /// restores and installs that run with the network); <see langword="null"/> (default) shows the whole workspace.
    /// </summary>
    public ManifestView? ManifestView { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Called with each complete line of output as it arrives (for progress displays); <see langword="null"/> by
    /// default. It runs on the runner's reading thread, so it must be quick and must not throw.
    /// </summary>
    public Action<string>? OutputLineObserver { get; init; }

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
    /// The signal (e.g. <c>SIGKILL</c>) that killed the sandbox from outside, one the runner did not send for a time
    /// limit or a cancellation; <see langword="null"/> otherwise. A command's own crash inside the sandbox (a test
    /// that segfaults) is the code's and is not reported here.
    /// </summary>
    public string? KilledBySignal { get; init; }

    /// <summary>
    /// Why this result says nothing about the code: the sandbox was killed by a signal the runner did not send (see
    /// <see cref="KilledBySignal"/>) or could not be set up. Set only when a retry failed too; <see langword="null"/>
    /// for a result of the command itself. Such a failure is never the code's and never "pre-existing".
    /// </summary>
    public string? InfrastructureFailure { get; init; }
}
