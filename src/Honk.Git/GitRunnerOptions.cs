namespace Honk.Git;

/// <summary>Settings of a <see cref="GitRunner"/>, fixed when the runner is created.</summary>
public sealed class GitRunnerOptions
{
    /// <summary>
    /// Applied to every command unless replaced: no hooks from the host's global config or from a repository, no
    /// file-system monitor program, no second git started inside a nested repository to see whether its files changed
    /// (it would read that repository's configuration: see <see cref="NestedRepositories"/>), no colour codes, paths printed as they are, no "detached HEAD" chatter, <c>main</c> for new repositories, no signing.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StandardConfiguration { get; } =
    [
        new("core.hooksPath", "/dev/null"),
        new("core.fsmonitor", "false"),
        new("diff.ignoreSubmodules", "dirty"),
        new("color.ui", "false"),
        new("core.quotePath", "false"),
        new("advice.detachedHead", "false"),
        new("init.defaultBranch", "main"),
        new("commit.gpgSign", "false"),
        new("tag.gpgSign", "false"),
    ];

    /// <summary>The git program. Default: <c>git</c> (found on <c>PATH</c>).</summary>
    public string Executable { get; set; } = "git";

    /// <summary>The time limit of commands that do not name their own. Default: 2 minutes.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The <c>-c name=value</c> settings put before every command; command-line settings win over every config file,
    /// including one a repository carries. Default: <see cref="StandardConfiguration"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Configuration { get; set; } = StandardConfiguration;

    /// <summary>
    /// The environment of every command (nothing else is inherited). Default: <see cref="GitEnvironment.FromHost()"/>
    /// read when the runner is created; use <see cref="GitEnvironment.Isolated"/> to ignore the host's git setup.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>
    /// Masks URL credentials (and the command's secrets) in standard output too, not only in the command line and
    /// standard error. Off by default: standard output is often file content (a diff) that must stay exact.
    /// </summary>
    public bool RedactStandardOutput { get; set; }
}
