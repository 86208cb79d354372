using Honk.Git;

namespace Honk.Hosting;

/// <summary>
/// The ledger's reality checks (read-only queries and a fetch into the mirror) through the git layer's runner: the
/// host's environment scrubbed, hooks off, no prompts, credentials masked in what git reports.
/// </summary>
internal static class GitCli
{
    // Reality checks reach the remote (ls-remote, fetch): the network's time limit, not the local commands'.
    private static readonly GitRunner Runner = new(new GitRunnerOptions { DefaultTimeout = TimeSpan.FromMinutes(10) });

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Runner.RunAsync(workingDirectory ?? Environment.CurrentDirectory, arguments, cancellationToken).ConfigureAwait(false);
            return (result.ExitCode, result.StandardOutput.Trim(), result.StandardError.Trim());
        }
        catch (GitException ex) when (ex.TimedOut)
        {
            return (-1, "", ex.Message);
        }
    }
}
