namespace Honk.Workspaces.Git.Internal;

/// <summary>What a finished git command returned.</summary>
/// <param name="CommandLine">The command line, credentials masked, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Standard output.</param>
/// <param name="StandardError">Standard error.</param>
internal sealed record GitCommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when git exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard output without the trailing newline.</summary>
    public string Text => StandardOutput.TrimEnd('\n', '\r');

    /// <summary>Throws a <see cref="GitException"/> unless the command succeeded.</summary>
    /// <param name="what">What the command was for, e.g. "fetch https://host/repo"; starts the message.</param>
    /// <returns>This result.</returns>
    public GitCommandResult EnsureSuccess(string? what = null)
    {
        if (!Succeeded)
        {
            throw ToException(what);
        }

        return this;
    }

    /// <summary>Describes the failure as an exception.</summary>
    /// <param name="what">What the command was for.</param>
    /// <returns>The exception.</returns>
    public GitException ToException(string? what = null)
    {
        var error = UrlRedaction.Redact(StandardError.Trim());
        var detail = error.Length > 0 ? error : $"exit code {ExitCode}";
        var message = what is null
            ? $"'{CommandLine}' failed: {detail}"
            : $"{what} failed: {detail} (command: {CommandLine})";
        return new GitException(message, CommandLine, ExitCode, error);
    }
}
