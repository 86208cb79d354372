using System.Text.RegularExpressions;

namespace Honk.Git;

/// <summary>
/// A git operation failed: the repository is missing or is not a repository, a remote cannot be reached, a ref does
/// not exist, or git itself reported an error. <see cref="Exception.Message"/> names the repository or path and
/// carries git's own explanation; credentials in URLs are masked.
/// </summary>
public partial class GitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public GitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed git command.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="command">The command line that failed, e.g. <c>git fetch --prune origin</c> (credentials masked).</param>
    /// <param name="exitCode">Its exit code; <see langword="null"/> when it was killed (time limit).</param>
    /// <param name="standardError">What git wrote to standard error (credentials masked).</param>
    public GitException(string message, string? command, int? exitCode, string? standardError)
        : base(message)
    {
        Command = command;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The git command line that failed, when a command failed.</summary>
    public string? Command { get; }

    /// <summary>The command's exit code; <see langword="null"/> when no command ran or it was killed.</summary>
    public int? ExitCode { get; }

    /// <summary>What git wrote to standard error, when a command failed.</summary>
    public string? StandardError { get; }

    /// <summary>True when the command was killed because it ran past its time limit.</summary>
    public bool TimedOut { get; init; }

    /// <summary>
    /// The work-tree path git refused to stage or hash because it is no regular file, link or folder (a FIFO, a socket,
    /// a device), when that is why the command failed; <see langword="null"/> otherwise.
    /// </summary>
    public string? UnsupportedFile
        => StandardError is { } error && UnsupportedFileError().Match(error) is { Success: true } match ? match.Groups["path"].Value : null;

    [GeneratedRegex(@"^error: (?<path>.+?): (?:can only add regular files|unsupported file type)", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnsupportedFileError();
}
