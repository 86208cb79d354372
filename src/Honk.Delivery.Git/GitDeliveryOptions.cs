namespace Honk.Delivery.Git;

/// <summary>
/// Settings of the git delivery channels. Each channel copies and checks them when it is created, so later changes
/// to this instance do not affect it.
/// </summary>
public sealed class GitDeliveryOptions
{
    /// <summary>Author and committer name of the delivered commit. Default: <c>Honk</c>.</summary>
    public string CommitterName { get; set; } = "Honk";

    /// <summary>Author and committer e-mail of the delivered commit. Default: <c>honk@localhost</c>.</summary>
    public string CommitterEmail { get; set; } = "honk@localhost";

    /// <summary>
    /// The folder the <c>patch</c> channel writes <c>&lt;session&gt;.patch</c> into; it must lie outside the workspace.
    /// Default: <c>.honk/patches</c> under the current directory, resolved when the channel is created.
    /// </summary>
    public string? PatchDirectory { get; set; }

    /// <summary>
    /// Where the <c>push</c> channel pushes. Default: <see langword="null"/>, the repository's own remote (the origin
    /// URL of the workspace's mirror). A URL may carry credentials; they never appear in results or errors.
    /// </summary>
    public string? PushUrl { get; set; }

    /// <summary>The version of the prompt template, recorded as the <c>Honk-Prompt-Version</c> trailer when set.</summary>
    public string? PromptVersion { get; set; }

    /// <summary>The git program. Default: <c>git</c> (found on <c>PATH</c>).</summary>
    public string GitExecutable { get; set; } = "git";

    /// <summary>Time limit of local git commands (status, commit, fetch from the mirror). Default: 2 minutes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time limit of commands that reach a remote (<c>ls-remote</c>, <c>push</c>). Default: 10 minutes.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The default patch folder: <c>.honk/patches</c> under the current directory.</summary>
    /// <returns>An absolute path.</returns>
    public static string GetDefaultPatchDirectory() => Path.Combine(Environment.CurrentDirectory, ".honk", "patches");

    /// <summary>Checks the values and returns a copy with every default filled in.</summary>
    /// <exception cref="ArgumentException">A value is empty or out of range.</exception>
    internal GitDeliveryOptions Snapshot()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(CommitterName, nameof(CommitterName));
        ArgumentException.ThrowIfNullOrWhiteSpace(CommitterEmail, nameof(CommitterEmail));
        ArgumentException.ThrowIfNullOrWhiteSpace(GitExecutable, nameof(GitExecutable));
        if (CommitterName.Contains('\n', StringComparison.Ordinal) || CommitterEmail.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("The committer name and e-mail must be single lines.", nameof(CommitterName));
        }

        ThrowIfNotPositive(CommandTimeout, nameof(CommandTimeout));
        ThrowIfNotPositive(NetworkTimeout, nameof(NetworkTimeout));
        return new GitDeliveryOptions
        {
            CommitterName = CommitterName.Trim(),
            CommitterEmail = CommitterEmail.Trim(),
            PatchDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(PatchDirectory) ? GetDefaultPatchDirectory() : PatchDirectory),
            PushUrl = string.IsNullOrWhiteSpace(PushUrl) ? null : PushUrl.Trim(),
            PromptVersion = string.IsNullOrWhiteSpace(PromptVersion) ? null : PromptVersion.Trim(),
            GitExecutable = GitExecutable,
            CommandTimeout = CommandTimeout,
            NetworkTimeout = NetworkTimeout,
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
