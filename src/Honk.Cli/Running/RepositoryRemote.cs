using System.Text.RegularExpressions;
using Honk.Git;

namespace Honk.Cli.Running;

/// <summary>
/// Where <c>push</c> and <c>pr</c> deliver: a URL repository is its own remote; a local repository's remote is its
/// <c>origin</c> (pushing into the user's own working repository would be <c>--deliver branch</c>).
/// </summary>
internal static partial class RepositoryRemote
{
    private static readonly GitRunner Git = new();

    public static async Task<string> ResolvePushUrlAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (!request.RepositoryIsLocal)
        {
            return request.Repository;
        }

        GitResult result;
        try
        {
            result = await Git.RunAsync(new GitCommand(request.Repository, ["remote", "get-url", "--push", "origin"]) { RedactStandardOutput = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            throw new CliException(ex.Message);
        }

        var output = result.StandardOutput;
        var url = output.Trim();
        return result.Succeeded && url.Length > 0
            ? url
            : throw new CliException($"--deliver {(request.Deliver == DeliveryMode.PullRequest ? "pr" : "push")} pushes to the repository's remote, but '{request.Repository}' has no remote named origin. Add one (git remote add origin <url>), or use --deliver branch.");
    }

    /// <summary>Reads owner and repository from a GitHub remote URL (https, ssh or scp-like).</summary>
    public static (string Owner, string Repository)? ParseGitHub(string url)
    {
        var match = GitHubPath().Match(url.Trim());
        return match.Success ? (match.Groups["owner"].Value, match.Groups["repo"].Value) : null;
    }

    [GeneratedRegex(@"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?[^/]+(?::\d+)?/|[^@\s]+@[^:\s]+:)(?<owner>[A-Za-z0-9_.-]+)/(?<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex GitHubPath();
}
