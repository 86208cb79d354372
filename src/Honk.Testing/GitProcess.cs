using Honk.Git;

namespace Honk.Testing;

/// <summary>Runs the git command line through the git layer's runner, isolated from the machine's global and system configuration.</summary>
internal static class GitProcess
{
    public const string AuthorName = "Honk Test";
    public const string AuthorEmail = "test@honk.invalid";

    // A fixed date makes commit ids reproducible from run to run.
    public const string FixedDate = "2025-01-01T00:00:00+00:00";

    private static readonly GitRunner Runner = CreateRunner();

    public static async Task<string> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var (exitCode, output, error) = await TryRunAsync(workingDirectory, arguments, environment, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {exitCode}: {error.Trim()}");
        }

        return output;
    }

    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var result = await Runner.RunAsync(new GitCommand(workingDirectory, arguments) { Environment = environment }, cancellationToken).ConfigureAwait(false);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static GitRunner CreateRunner()
    {
        var environment = GitEnvironment.FromHost();
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_AUTHOR_NAME"] = AuthorName;
        environment["GIT_AUTHOR_EMAIL"] = AuthorEmail;
        environment["GIT_COMMITTER_NAME"] = AuthorName;
        environment["GIT_COMMITTER_EMAIL"] = AuthorEmail;
        environment["GIT_AUTHOR_DATE"] = FixedDate;
        environment["GIT_COMMITTER_DATE"] = FixedDate;

        // Test repositories behave like a plain `git` (hooks and the repository's settings apply), minus the host's config.
        return new GitRunner(new GitRunnerOptions { Configuration = [], Environment = environment, DefaultTimeout = Timeout.InfiniteTimeSpan });
    }
}
