namespace Honk;

/// <summary>What a validator gets to work with.</summary>
public sealed class ValidationContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="task">The task.</param>
    /// <param name="workspace">The session's workspace.</param>
    public ValidationContext(string sessionId, CodingTask task, Workspace workspace)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(workspace);
        SessionId = sessionId;
        Task = task;
        Workspace = workspace;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The session's workspace.</summary>
    public Workspace Workspace { get; }

    /// <summary>Runs commands in the session's sandbox; validators should use it rather than starting processes.</summary>
    public ICommandRunner? CommandRunner { get; init; }

    /// <summary>The stop-gate round (1-based); 0 for the baseline run on the untouched base.</summary>
    public int Round { get; init; }

    /// <summary>
    /// Where a validator reports that a command started and, every <see cref="ProgressInterval"/>, that it is still
    /// running; <see langword="null"/> when nobody watches. Reports may come from any thread.
    /// </summary>
    public IProgress<ValidationProgress>? Progress { get; init; }

    /// <summary>How often a running command's progress is reported. Default: 10 seconds.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Services of the host, for validators that need more.</summary>
    public IServiceProvider? Services { get; init; }
}
