using System.Globalization;
using Honk.Git;

namespace Honk.Server;

/// <summary>Runs git through the git layer's runner: an argument list (never a shell), no prompts, hooks off, and a time limit.</summary>
internal static class GitProcess
{
    private static readonly GitRunner Runner = new();

    /// <summary>Runs git; a command past <paramref name="timeout"/> is killed and reported as exit code -1.</summary>
    /// <returns>The exit code, and standard output followed by standard error.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string? workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        try
        {
            var result = await Runner.RunAsync(workingDirectory ?? Environment.CurrentDirectory, list, cancellationToken, timeout).ConfigureAwait(false);
            return (result.ExitCode, result.StandardOutput + result.StandardError);
        }
        catch (GitException ex) when (ex.TimedOut)
        {
            return (-1, string.Create(CultureInfo.InvariantCulture, $"git {string.Join(' ', list)} timed out after {timeout.TotalSeconds:0} s."));
        }
    }
}
