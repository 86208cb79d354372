namespace Honk.Workspaces.Git;

/// <summary>
/// Settings of <see cref="GitWorkspaceProvider"/>. The provider copies them when it is created, so later changes to
/// this instance do not affect it.
/// </summary>
public sealed class GitWorkspaceOptions
{
    /// <summary>
    /// The folder holding the bare mirror of every repository (under <c>mirrors/</c>). Default:
    /// <see cref="GetDefaultCacheRoot"/> (<c>$XDG_CACHE_HOME/honk</c>, else <c>~/.cache/honk</c>).
    /// </summary>
    public string? CacheRoot { get; set; }

    /// <summary>The folder under which session worktrees are created. Default: <c>&lt;CacheRoot&gt;/worktrees</c>.</summary>
    public string? WorktreesRoot { get; set; }

    /// <summary>
    /// Creates mirrors as partial clones (<c>--filter=blob:none</c>): file contents are downloaded only when a
    /// worktree or a diff needs them. Worth it for large repositories; the remote must allow filters. Default: false.
    /// </summary>
    public bool PartialClone { get; set; }

    /// <summary>
    /// Reads refs and status and makes commits in process through LibGit2Sharp, instead of starting the git program
    /// for each (fetch, worktrees, staging, checkout and diffs always use the git program). Default: true. Partial-clone
    /// mirrors always use the git program: libgit2 cannot read them.
    /// </summary>
    public bool InProcessGit { get; set; } = true;

    /// <summary>Author and committer name of commits made by <see cref="GitWorkspace.CommitAsync"/>. Default: <c>Honk</c>.</summary>
    public string CommitterName { get; set; } = "Honk";

    /// <summary>Author and committer e-mail of commits made by <see cref="GitWorkspace.CommitAsync"/>. Default: <c>honk@localhost</c>.</summary>
    public string CommitterEmail { get; set; } = "honk@localhost";

    /// <summary>The prefix of generated branch names (<c>&lt;prefix&gt;&lt;slug&gt;-&lt;short-id&gt;</c>). Default: <c>honk/</c>.</summary>
    public string BranchPrefix { get; set; } = "honk/";

    /// <summary>The git program. Default: <c>git</c> (found on <c>PATH</c>).</summary>
    public string GitExecutable { get; set; } = "git";

    /// <summary>Time limit of local git commands (status, diff, worktree, commit). Default: 2 minutes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time limit of commands that reach a remote (clone, fetch). Default: 10 minutes.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an acquire waits for another session's fetch of the same mirror. Default: 15 minutes.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Skips the fetch on acquire when the mirror was fetched less than this long ago. Default: zero (always fetch).
    /// A local source's current HEAD is always made available, whatever this says.
    /// </summary>
    public TimeSpan MirrorRefreshInterval { get; set; } = TimeSpan.Zero;

    /// <summary>The default cache root: <c>$XDG_CACHE_HOME/honk</c> when that variable holds an absolute path, else <c>~/.cache/honk</c>.</summary>
    /// <returns>An absolute path.</returns>
    public static string GetDefaultCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "honk");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "honk");
    }

    /// <summary>Checks the values and returns a copy with every default filled in.</summary>
    internal GitWorkspaceOptions Snapshot()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(CommitterName, nameof(CommitterName));
        ArgumentException.ThrowIfNullOrWhiteSpace(CommitterEmail, nameof(CommitterEmail));
        ArgumentException.ThrowIfNullOrWhiteSpace(GitExecutable, nameof(GitExecutable));
        ArgumentNullException.ThrowIfNull(BranchPrefix, nameof(BranchPrefix));
        if (BranchPrefix.Length > 0 && !BranchPrefix.EndsWith('/') && !BranchPrefix.EndsWith('-'))
        {
            throw new ArgumentException($"BranchPrefix '{BranchPrefix}' must be empty or end with '/' or '-'.", nameof(BranchPrefix));
        }

        ThrowIfNotPositive(CommandTimeout, nameof(CommandTimeout));
        ThrowIfNotPositive(NetworkTimeout, nameof(NetworkTimeout));
        ThrowIfNotPositive(LockTimeout, nameof(LockTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MirrorRefreshInterval, TimeSpan.Zero, nameof(MirrorRefreshInterval));

        var cacheRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(CacheRoot) ? GetDefaultCacheRoot() : CacheRoot);
        return new GitWorkspaceOptions
        {
            CacheRoot = cacheRoot,
            WorktreesRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(WorktreesRoot) ? Path.Combine(cacheRoot, "worktrees") : WorktreesRoot),
            PartialClone = PartialClone,
            InProcessGit = InProcessGit,
            CommitterName = CommitterName,
            CommitterEmail = CommitterEmail,
            BranchPrefix = BranchPrefix,
            GitExecutable = GitExecutable,
            CommandTimeout = CommandTimeout,
            NetworkTimeout = NetworkTimeout,
            LockTimeout = LockTimeout,
            MirrorRefreshInterval = MirrorRefreshInterval,
        };
    }

    private static void ThrowIfNotPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
