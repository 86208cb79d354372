using System.Globalization;

namespace Honk.Server;

/// <summary>How a rebase without a model went.</summary>
public enum RebaseOutcomeKind
{
    /// <summary>Rebased cleanly and pushed (with lease).</summary>
    Rebased,

    /// <summary>The rebase stopped on conflicts; nothing was pushed.</summary>
    Conflicts,

    /// <summary>The branch is no longer at the expected commit (someone pushed): nothing done.</summary>
    HeadMoved,

    /// <summary>Already contains the base: nothing to do.</summary>
    UpToDate,

    /// <summary>git failed (fetch, push refused…): <see cref="RebaseOutcome.Message"/> says why.</summary>
    Failed,
}

/// <summary>What <see cref="PullRequestRebaser.RebaseAsync"/> did.</summary>
/// <param name="Kind">The outcome.</param>
/// <param name="Message">What happened, for a comment or a log.</param>
/// <param name="NewHead">The pushed commit after a rebase.</param>
/// <param name="ConflictingFiles">The files that conflicted.</param>
public sealed record RebaseOutcome(RebaseOutcomeKind Kind, string Message, string? NewHead = null, IReadOnlyList<string>? ConflictingFiles = null);

/// <summary>
/// Rebases a pull request's branch on its base without a model, in a throw-away clone: fetch both branches, check the
/// branch is still at the commit Honk saw, <c>git rebase</c>, and push with
/// <c>--force-with-lease=&lt;branch&gt;:&lt;seen commit&gt;</c> so a push by anyone else in between is never overwritten.
/// Conflicts are reported (with the files) for a session to resolve.
/// </summary>
public sealed class PullRequestRebaser
{
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(10);
    private readonly string _committerName;
    private readonly string _committerEmail;

    /// <summary>Creates a rebaser.</summary>
    /// <param name="committerName">Committer of the rebased commits (authors are kept).</param>
    /// <param name="committerEmail">Committer e-mail.</param>
    public PullRequestRebaser(string committerName = "Honk", string committerEmail = "honk@localhost")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(committerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(committerEmail);
        _committerName = committerName;
        _committerEmail = committerEmail;
    }

    /// <summary>Rebases <paramref name="branch"/> of <paramref name="repository"/> on <paramref name="baseBranch"/> and pushes with lease.</summary>
    /// <param name="repository">The repository's URL or path (where the branch was pushed).</param>
    /// <param name="branch">The pull request's head branch.</param>
    /// <param name="baseBranch">The pull request's base branch.</param>
    /// <param name="expectedHead">The head commit Honk saw; the branch must still be there.</param>
    /// <param name="cancellationToken">Cancels git.</param>
    /// <param name="beforePush">
    /// Told the rebased commit before it is pushed (to record the intent: after a crash between the push and the record,
    /// the commit found as the branch's head is known to be this rebase's).
    /// </param>
    /// <returns>The outcome; git failures are <see cref="RebaseOutcomeKind.Failed"/>, never exceptions.</returns>
    public async Task<RebaseOutcome> RebaseAsync(
        string repository, string branch, string baseBranch, string expectedHead, CancellationToken cancellationToken = default, Func<string, CancellationToken, Task>? beforePush = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(branch);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseBranch);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedHead);
        var work = Directory.CreateTempSubdirectory("honk-rebase-");
        try
        {
            var dir = work.FullName;
            var (init, initOut) = await GitProcess.RunAsync(dir, ["init", "-q"], LocalTimeout, cancellationToken).ConfigureAwait(false);
            if (init != 0)
            {
                return new RebaseOutcome(RebaseOutcomeKind.Failed, "git init failed: " + initOut.Trim());
            }

            var (fetch, fetchOut) = await GitProcess.RunAsync(dir, ["fetch", "-q", "--no-tags", repository, $"+refs/heads/{baseBranch}:refs/remotes/pr/base", $"+refs/heads/{branch}:refs/remotes/pr/head"], NetworkTimeout, cancellationToken).ConfigureAwait(false);
            if (fetch != 0)
            {
                return new RebaseOutcome(RebaseOutcomeKind.Failed, $"Could not fetch {branch} and {baseBranch}: {fetchOut.Trim()}");
            }

            var head = (await GitProcess.RunAsync(dir, ["rev-parse", "refs/remotes/pr/head"], LocalTimeout, cancellationToken).ConfigureAwait(false)).Output.Trim();
            if (!string.Equals(head, expectedHead, StringComparison.OrdinalIgnoreCase))
            {
                return new RebaseOutcome(RebaseOutcomeKind.HeadMoved, $"{branch} moved to {Short(head)} since {Short(expectedHead)}; not rebased.");
            }

            if ((await GitProcess.RunAsync(dir, ["merge-base", "--is-ancestor", "refs/remotes/pr/base", "refs/remotes/pr/head"], LocalTimeout, cancellationToken).ConfigureAwait(false)).ExitCode == 0)
            {
                return new RebaseOutcome(RebaseOutcomeKind.UpToDate, $"{branch} already contains {baseBranch}.");
            }

            await GitProcess.RunAsync(dir, ["checkout", "-q", "-b", "work", "refs/remotes/pr/head"], LocalTimeout, cancellationToken).ConfigureAwait(false);
            var (rebase, rebaseOut) = await GitProcess.RunAsync(
                dir, ["-c", "user.name=" + _committerName, "-c", "user.email=" + _committerEmail, "rebase", "-q", "refs/remotes/pr/base"], LocalTimeout, cancellationToken).ConfigureAwait(false);
            if (rebase != 0)
            {
                var conflicts = (await GitProcess.RunAsync(dir, ["diff", "--name-only", "--diff-filter=U"], LocalTimeout, cancellationToken).ConfigureAwait(false)).Output
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                await GitProcess.RunAsync(dir, ["rebase", "--abort"], LocalTimeout, CancellationToken.None).ConfigureAwait(false);
                return conflicts.Length > 0
                    ? new RebaseOutcome(RebaseOutcomeKind.Conflicts, $"{branch} conflicts with {baseBranch} in {string.Join(", ", conflicts)}.", ConflictingFiles: conflicts)
                    : new RebaseOutcome(RebaseOutcomeKind.Failed, "git rebase failed: " + rebaseOut.Trim());
            }

            var newHead = (await GitProcess.RunAsync(dir, ["rev-parse", "HEAD"], LocalTimeout, cancellationToken).ConfigureAwait(false)).Output.Trim();
            if (beforePush is not null)
            {
                await beforePush(newHead, cancellationToken).ConfigureAwait(false);
            }

            var (push, pushOut) = await GitProcess.RunAsync(
                dir, ["push", "-q", $"--force-with-lease=refs/heads/{branch}:{expectedHead}", repository, $"HEAD:refs/heads/{branch}"], NetworkTimeout, cancellationToken).ConfigureAwait(false);
            return push == 0
                ? new RebaseOutcome(RebaseOutcomeKind.Rebased, $"Rebased {branch} onto {baseBranch}: {Short(expectedHead)} → {Short(newHead)}.", newHead)
                : new RebaseOutcome(RebaseOutcomeKind.Failed, $"The rebased {branch} was not pushed: {pushOut.Trim()}");
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the outcome matters more.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    internal static string Short(string sha) => sha[..Math.Min(12, sha.Length)].ToString(CultureInfo.InvariantCulture);
}
