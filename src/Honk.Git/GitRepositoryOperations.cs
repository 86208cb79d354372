using Honk.Git.Internal;

namespace Honk.Git;

/// <summary>
/// The repository operations Honk needs beyond running commands: refs, status, staged paths, commits, trailers and
/// config. Two implementations with the same results: <see cref="InProcess"/> (LibGit2Sharp, no process per call) and
/// <see cref="CommandLine"/> (the git program, for repositories libgit2 cannot open, e.g. partial clones).
/// </summary>
/// <remarks>
/// What stays on the command line everywhere, and why, is in docs/decisions/0016-git-layer.md: fetch, clone, push and
/// <c>ls-remote</c> (credential helpers, partial clones), worktree add/remove/prune (libgit2 cannot prune a worktree
/// whose folder is gone and its prune deletes the folder), <c>add</c> and checkout (clean/smudge filters such as LFS),
/// and diff text (byte-for-byte git's format).
/// </remarks>
public abstract class GitRepositoryOperations
{
    /// <summary>A short name for logs and benchmarks: <c>libgit2</c> or <c>cli</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Operations through the git program.</summary>
    /// <param name="runner">The runner.</param>
    /// <returns>The operations.</returns>
    public static GitRepositoryOperations CommandLine(GitRunner runner) => new CommandLineGitOperations(runner);

    /// <summary>Operations in process on LibGit2Sharp; a repository libgit2 cannot open is served through <paramref name="fallback"/>.</summary>
    /// <param name="fallback">The runner for repositories libgit2 refuses (unsupported extensions such as partial clones).</param>
    /// <returns>The operations.</returns>
    public static GitRepositoryOperations InProcess(GitRunner fallback) => new InProcessGitOperations(new CommandLineGitOperations(fallback));

    /// <summary>
    /// Loads libgit2 and lets it initialize, which the first in-process operation otherwise does on its own path: a
    /// short-lived caller (<c>honk run</c>) calls this on a spare thread while it starts up. Never throws: a library
    /// that cannot load fails the first real operation as before, with its own error.
    /// </summary>
    public static void Preload() => InProcessGitOperations.LoadLibrary();

    /// <summary>The full sha of the commit <paramref name="revision"/> names (<c>rev-parse --verify REV^{commit}</c>).</summary>
    /// <param name="repository">A repository folder, work tree or git dir.</param>
    /// <param name="revision">A ref, sha or revision expression.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The sha, or <see langword="null"/> when it names no commit.</returns>
    /// <exception cref="GitException">The repository cannot be read.</exception>
    public abstract Task<string?> ResolveCommitAsync(string repository, string revision, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="name"/> is a valid branch name (<c>check-ref-format --branch</c>; a leading <c>-</c> is refused too).</summary>
    /// <param name="name">The short name, e.g. <c>honk/fix-1234</c>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>True when git would accept it.</returns>
    public abstract Task<bool> IsValidBranchNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Whether the full reference exists, e.g. <c>refs/heads/main</c>.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="reference">The full reference name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>True when it exists.</returns>
    public abstract Task<bool> ReferenceExistsAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>Creates branch <paramref name="name"/> at <paramref name="commit"/>, without upstream (<c>branch --no-track</c>).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="name">The short branch name.</param>
    /// <param name="commit">The full sha.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the branch exists.</returns>
    /// <exception cref="GitException">The branch exists already or cannot be written.</exception>
    public abstract Task CreateBranchAsync(string repository, string name, string commit, CancellationToken cancellationToken);

    /// <summary>The work tree's status, untracked files listed one by one; never rewrites the index.</summary>
    /// <param name="workTree">The work tree.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The status.</returns>
    /// <exception cref="GitException">The work tree cannot be read.</exception>
    public abstract Task<GitStatus> GetStatusAsync(string workTree, CancellationToken cancellationToken);

    /// <summary>The paths whose staged content differs from <c>HEAD</c> (<c>diff --cached --name-only --no-renames HEAD</c>), sorted ordinally.</summary>
    /// <param name="workTree">The work tree.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The paths; empty when nothing is staged.</returns>
    /// <exception cref="GitException">The index cannot be read.</exception>
    public abstract Task<IReadOnlyList<string>> GetStagedPathsAsync(string workTree, CancellationToken cancellationToken);

    /// <summary>
    /// Commits the index on the current branch with <paramref name="signature"/> as author and committer; the message
    /// is cleaned like <c>--cleanup=whitespace</c>. No hooks run and nothing is signed.
    /// </summary>
    /// <param name="workTree">The work tree.</param>
    /// <param name="message">The commit message.</param>
    /// <param name="signature">Author and committer.</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>The new commit's full sha.</returns>
    /// <exception cref="GitException">The commit failed (e.g. nothing staged).</exception>
    public abstract Task<string> CommitAsync(string workTree, string message, GitSignature signature, CancellationToken cancellationToken);

    /// <summary>The values of trailer <paramref name="key"/> (e.g. <c>Honk-Session</c>) in the commits of <paramref name="revisions"/>.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="revisions">One commit (only it is read) or a range <c>base..tip</c>.</param>
    /// <param name="key">The trailer key (compared without regard to case).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The values, newest commit first.</returns>
    /// <exception cref="GitException">A revision does not exist or the repository cannot be read.</exception>
    public abstract Task<IReadOnlyList<string>> GetTrailerValuesAsync(string repository, string revisions, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or moves <paramref name="branch"/> in the local repository <paramref name="repository"/> to
    /// <paramref name="commit"/> of the local repository <paramref name="from"/>, copying the objects it lacks, without
    /// a git process where that is safe; the caller fetches with git when this returns false.
    /// </summary>
    /// <param name="repository">The repository that gets the branch.</param>
    /// <param name="from">The repository that holds the commit (e.g. a bare mirror).</param>
    /// <param name="commit">The commit's full sha.</param>
    /// <param name="branch">The branch name, without <c>refs/heads/</c>.</param>
    /// <param name="expectedOld">The branch's current commit when it is to be moved; <see langword="null"/> to create it.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>True when the branch now points at <paramref name="commit"/>; false when nothing was referenced and the caller should use git.</returns>
    public virtual Task<bool> TryCopyBranchAsync(string repository, string from, string commit, string branch, string? expectedOld, CancellationToken cancellationToken)
        => Task.FromResult(false);

    /// <summary>
    /// The text (UTF-8) of the file <paramref name="path"/> in commit <paramref name="commit"/>, as stored (no filters):
    /// <c>cat-file blob COMMIT:PATH</c>.
    /// </summary>
    /// <param name="repository">A repository folder, work tree or git dir.</param>
    /// <param name="commit">A commit sha or revision.</param>
    /// <param name="path">The file's path in the commit's tree, with <c>/</c> separators.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or <see langword="null"/> when the commit has no such file.</returns>
    /// <exception cref="GitException">The commit does not exist or the repository cannot be read.</exception>
    public abstract Task<string?> ReadFileAtCommitAsync(string repository, string commit, string path, CancellationToken cancellationToken);

    /// <summary>
    /// The work tree's files as <c>git ls-files --cached --others --exclude-standard</c> lists them: the untracked
    /// files that are not ignored (an untracked nested repository as <c>folder/</c>), sorted, then every index entry
    /// in index order. Never rewrites the index. (In process, an untracked nested repository that holds no file at all
    /// is left out, where git lists <c>folder/</c>.)
    /// </summary>
    /// <param name="workTree">The work tree's root folder.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Root-relative paths with <c>/</c> separators.</returns>
    /// <exception cref="GitException">The folder is not the root of a work tree, or it cannot be read.</exception>
    public abstract Task<IReadOnlyList<string>> ListFilesAsync(string workTree, CancellationToken cancellationToken);

    /// <summary>A value of the repository's own configuration (<c>.git/config</c>), e.g. <c>remote.origin.url</c>, unmasked.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The value, or <see langword="null"/> when it is not set.</returns>
    public abstract Task<string?> GetConfigValueAsync(string repository, string key, CancellationToken cancellationToken);
}
