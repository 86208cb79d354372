using System.Collections.Concurrent;
using Honk.Git;

namespace Honk.Validators;

/// <summary>
/// Reads the repository's <c>honk.json</c> as it was in the commit the session started from. The model edits the
/// workspace; if the validators read their settings there, a model could switch off its own tests (<c>runTests:
/// false</c>, <c>skipScripts: ["test"]</c>) and pass the gate. The base commit's file is the repository's word.
/// </summary>
internal static class BaseSettingsFile
{
    private const int MaxCached = 256;

    // Honk's one git layer: the host's git with a scrubbed environment, no prompt, a time limit, the tree killed on cancel.
    private static readonly GitRunner Git = new(new GitRunnerOptions { DefaultTimeout = TimeSpan.FromSeconds(30) });

    // In process (LibGit2Sharp): through git, a commit without honk.json (the common case) cost two processes,
    // `cat-file blob` and `cat-file -e` (docs/benchmarks.md, session cost).
    private static readonly GitRepositoryOperations Repository = GitRepositoryOperations.InProcess(Git);

    // A commit's content never changes, so the text is cached by commit (null: the commit has no honk.json).
    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The text of <c>honk.json</c> at the workspace's base commit, <see langword="null"/> when that commit has none;
    /// for a workspace that is not a git worktree (no base commit), the file in the workspace.
    /// </summary>
    /// <param name="workspace">The workspace being validated.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or <see langword="null"/> when there is no file.</returns>
    /// <exception cref="RepositorySettingsException">The base commit's file could not be read.</exception>
    public static async Task<string?> ReadAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.BaseCommit is not { Length: > 0 } commit)
        {
            return RepositorySettings.ReadText(workspace.RootPath);
        }

        if (Cache.TryGetValue(commit, out var cached))
        {
            return cached;
        }

        var text = await ShowAsync(workspace.RootPath, commit, cancellationToken).ConfigureAwait(false);
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[commit] = text;
        return text;
    }

    /// <summary>
    /// <c>honk.json</c> at the base commit, read on the host (the sandbox does not see the git directory): in process
    /// through Honk's git layer, or with <c>git cat-file</c> where libgit2 cannot open the repository.
    /// </summary>
    private static async Task<string?> ShowAsync(string root, string commit, CancellationToken cancellationToken)
    {
        try
        {
            return await Repository.ReadFileAtCommitAsync(root, commit, RepositorySettings.FileName, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            // The commit is unknown, the repository cannot be read, or git could not start or did not answer in time.
            throw new RepositorySettingsException($"The repository's {RepositorySettings.FileName} could not be read from the base commit {commit}: {ex.Message}", ex);
        }
    }
}
