namespace Honk;

/// <summary>What a judge reads: the task and the change.</summary>
public sealed class JudgeContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="task">The task.</param>
    /// <param name="diff">The unified diff of the change against the session's base.</param>
    /// <param name="changedFiles">The changed paths.</param>
    public JudgeContext(string sessionId, CodingTask task, string diff, IReadOnlyList<string> changedFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(changedFiles);
        SessionId = sessionId;
        Task = task;
        Diff = diff;
        ChangedFiles = changedFiles;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The unified diff against the session's base.</summary>
    public string Diff { get; }

    /// <summary>The changed paths.</summary>
    public IReadOnlyList<string> ChangedFiles { get; }

    /// <summary>The workspace, for judges that need to read more than the diff.</summary>
    public Workspace? Workspace { get; init; }

    /// <summary>The validators' latest results.</summary>
    public IReadOnlyList<ValidatorReport> Validators { get; init; } = [];

    /// <summary>The judge round (1-based).</summary>
    public int Round { get; init; } = 1;
}
