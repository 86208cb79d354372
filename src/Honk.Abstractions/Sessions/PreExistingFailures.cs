namespace Honk;

/// <summary>
/// How a session treats failures its untouched base already had (<see cref="CodingTask.PreExistingFailures"/>; task-file
/// key <c>pre_existing_failures</c>).
/// </summary>
public enum PreExistingFailures
{
    /// <summary>
    /// The default: a failure the base already had is tolerated (listed, not blocking) unless it is the session's
    /// business — the task names the test or its file, or the change touches that file or its project/package.
    /// </summary>
    Auto,

    /// <summary>Every failure blocks, whether or not the base had it.</summary>
    Strict,

    /// <summary>
    /// Every failure the base already had is tolerated, even the task's own. For sweeping changes over repositories
    /// known to carry broken tests; "no tests ran" and broken runs still block.
    /// </summary>
    Tolerant,
}
