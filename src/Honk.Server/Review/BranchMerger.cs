namespace Honk.Server;

/// <summary>
/// Lands a session's branch on the target branch of its repository: fetch both into a scratch repository, merge
/// (or fast-forward), push the target without force. The repository's own working copy is never touched.
/// </summary>
internal sealed class BranchMerger
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly ApprovalOptions _options;

    public BranchMerger(ApprovalOptions options) => _options = options;

    /// <summary>Merges; returns what was done, or throws <see cref="InvalidOperationException"/> with git's reason.</summary>
    /// <param name="repository">The repository holding both branches.</param>
    /// <param name="branch">The session's branch.</param>
    /// <param name="approvedBy">Who approved (named in a merge commit).</param>
    /// <param name="expectedTip">
    /// The commit the approver reviewed; when the branch has moved past it (a later "request changes" round delivered
    /// to the same branch), nothing is merged, so an approval never lands work nobody reviewed. Null: no check.
    /// </param>
    /// <param name="cancellationToken">Cancels git.</param>
    public async Task<string> MergeAsync(string repository, string branch, string approvedBy, string? expectedTip = null, CancellationToken cancellationToken = default)
    {
        var target = _options.TargetBranch;
        var scratch = Directory.CreateTempSubdirectory("honk-merge-").FullName;
        try
        {
            await Git(scratch, cancellationToken, "init", "-q", "-b", "honk-scratch").ConfigureAwait(false);
            await Git(scratch, cancellationToken, "fetch", "-q", "--no-tags", repository,
                $"+refs/heads/{target}:refs/remotes/origin/{target}", $"+refs/heads/{branch}:refs/remotes/origin/{branch}").ConfigureAwait(false);
            if (expectedTip is not null)
            {
                var tip = (await Git(scratch, cancellationToken, "rev-parse", $"refs/remotes/origin/{branch}").ConfigureAwait(false)).Trim();
                if (!string.Equals(tip, expectedTip, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"'{branch}' has moved on since this session (a later round changed it); review and approve the latest round instead.");
                }
            }

            await Git(scratch, cancellationToken, "checkout", "-q", "-B", target, $"refs/remotes/origin/{target}").ConfigureAwait(false);
            var ff = await GitProcess.RunAsync(scratch, ["merge", "--ff-only", "-q", $"refs/remotes/origin/{branch}"], Timeout, cancellationToken).ConfigureAwait(false);
            string how;
            if (ff.ExitCode == 0)
            {
                how = "fast-forwarded";
            }
            else if (_options.Mode == ApprovalMode.FastForward)
            {
                throw new InvalidOperationException($"'{target}' has moved since the session started; fast-forward only is configured.");
            }
            else
            {
                var merge = await GitProcess.RunAsync(
                    scratch,
                    ["-c", $"user.name={_options.CommitterName}", "-c", $"user.email={_options.CommitterEmail}",
                     "merge", "--no-ff", "-q", "-m", $"Merge {branch} (approved by {approvedBy})", $"refs/remotes/origin/{branch}"],
                    Timeout,
                    cancellationToken).ConfigureAwait(false);
                if (merge.ExitCode != 0)
                {
                    throw new InvalidOperationException($"'{branch}' does not merge cleanly into '{target}': {FirstLine(merge.Output)}");
                }

                how = "merged";
            }

            var commit = (await Git(scratch, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
            await Git(scratch, cancellationToken, "push", "-q", repository, $"{commit}:refs/heads/{target}").ConfigureAwait(false);
            return $"{how} {branch} into {target} at {commit[..Math.Min(12, commit.Length)]}";
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    private static async Task<string> Git(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var (exitCode, output) = await GitProcess.RunAsync(directory, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments[0]} failed: {FirstLine(output)}");
        }

        return output;
    }

    private static string FirstLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.StartsWith("fatal", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal) || l.Contains("CONFLICT", StringComparison.Ordinal))
            ?? lines.FirstOrDefault() ?? "(no output)";
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
