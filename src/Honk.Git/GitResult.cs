namespace Honk.Git;

/// <summary>What a finished git command returned; the command line and standard error are stripped of credentials.</summary>
/// <param name="CommandLine">The command line, credentials masked, for messages.</param>
/// <param name="ExitCode">The exit code (-1 when an observer stopped git early).</param>
/// <param name="StandardOutput">Standard output (empty when an observer took it).</param>
/// <param name="StandardError">Standard error (empty when an observer took it).</param>
public sealed record GitResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when git exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>True when the command's observer stopped git before it finished.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Standard output without the trailing newline.</summary>
    public string Text => StandardOutput.TrimEnd('\n', '\r');

    /// <summary>Throws a <see cref="GitException"/> unless the command succeeded.</summary>
    /// <param name="what">What the command was for, e.g. "Fetching https://host/repo"; starts the message.</param>
    /// <returns>This result.</returns>
    /// <exception cref="GitException">git failed.</exception>
    public GitResult EnsureSuccess(string? what = null) => Succeeded ? this : throw ToException(what);

    /// <summary>Describes the failure as an exception carrying the command, its exit code and standard error.</summary>
    /// <param name="what">What the command was for.</param>
    /// <returns>The exception.</returns>
    public GitException ToException(string? what = null)
    {
        var error = StandardError.Trim();
        var detail = error.Length > 0 ? error : $"exit code {ExitCode}";
        var message = what is null
            ? $"'{CommandLine}' failed: {detail}"
            : $"{what} failed: {detail} (command: {CommandLine})";
        return new GitException(message, CommandLine, ExitCode, error);
    }
}
