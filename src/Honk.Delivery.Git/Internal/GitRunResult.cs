namespace Honk.Delivery.Git.Internal;

/// <summary>What a finished git command returned; every text is already stripped of credentials.</summary>
/// <param name="CommandLine">The command line, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Standard output.</param>
/// <param name="StandardError">Standard error.</param>
internal sealed record GitRunResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when git exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard output without the trailing newline.</summary>
    public string Text => StandardOutput.TrimEnd('\n', '\r');

    /// <summary>Throws a <see cref="Workspaces.Git.GitException"/> unless the command succeeded.</summary>
    /// <param name="what">What the command was for; starts the message.</param>
    /// <returns>This result.</returns>
    public GitRunResult EnsureSuccess(string? what = null)
    {
        if (Succeeded)
        {
            return this;
        }

        var error = StandardError.Trim();
        var detail = error.Length > 0 ? error : $"exit code {ExitCode}";
        var message = what is null ? $"'{CommandLine}' failed: {detail}" : $"{what} failed: {detail}";
        throw new Workspaces.Git.GitException(message, CommandLine, ExitCode, error);
    }
}
