namespace Honk.Git;

/// <summary>Which of git's output streams a chunk came from.</summary>
public enum GitOutputStream
{
    /// <summary>Standard output.</summary>
    StandardOutput = 1,

    /// <summary>Standard error.</summary>
    StandardError = 2,
}

/// <summary>
/// Receives a git command's output while it runs (see <see cref="GitCommand.Observer"/>). Both streams are read at
/// the same time, so the methods may be called from two threads at once.
/// </summary>
public interface IGitOutputObserver
{
    /// <summary>A chunk of output.</summary>
    /// <param name="stream">Where it came from.</param>
    /// <param name="chunk">The characters read.</param>
    /// <returns>False to stop git now (its whole process tree is killed; the result has <see cref="GitResult.StoppedEarly"/>).</returns>
    bool OnOutput(GitOutputStream stream, ReadOnlySpan<char> chunk);

    /// <summary>The stream ended.</summary>
    /// <param name="stream">Which one.</param>
    void OnCompleted(GitOutputStream stream);
}
