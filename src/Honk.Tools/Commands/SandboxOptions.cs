namespace Honk.Tools;

/// <summary>
/// How <see cref="SandboxedCommandRunner"/> isolates commands. The defaults are the safe ones: bubblewrap required,
/// network off, the host's home folders, <c>/run</c> and environment hidden.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Runs commands directly, without isolation, when bubblewrap is missing or unusable. Off by default: the runner
    /// then refuses every command. When on, every such result starts with a loud warning line.
    /// </summary>
    public bool AllowUnsandboxed { get; set; }

    /// <summary>The bubblewrap program; <see langword="null"/> (default) looks for <c>bwrap</c> on the host's PATH.</summary>
    public string? BubblewrapPath { get; set; }

    /// <summary>The time limit of a command whose request names none. Default: 5 minutes.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most output lines kept (half from the start, half from the end). Default: 400.</summary>
    public int MaxOutputLines { get; set; } = 400;

    /// <summary>The longest output line kept, in characters; longer lines are cut. Default: 2,000.</summary>
    public int MaxLineLength { get; set; } = 2000;

    /// <summary>
    /// The most processes (and threads) one command may have at once, so a fork bomb stalls instead of exhausting
    /// the host. Enforced with a pids cgroup when the host lets the runner create one (root), else with
    /// <c>ulimit -u</c> (which counts every process of the host user). Default: 1,024; 0 turns the limit off.
    /// </summary>
    public int MaxProcesses { get; set; } = 1024;

    /// <summary>The PATH inside the sandbox; <see langword="null"/> (default) uses the host's PATH.</summary>
    public string? SearchPath { get; set; }

    /// <summary>
    /// Extra environment variables set for every command (a request's own variables win). The host's environment
    /// is never passed through: only PATH, LANG, HOME, TMPDIR, TERM, CI and these are set.
    /// </summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>
    /// Host folders replaced by an empty folder inside the sandbox because they hold secrets or sockets (keys,
    /// credentials, the Docker socket). The host user's home is always added. Default: <c>/root</c>, <c>/home</c>,
    /// <c>/run</c>. The workspace stays visible even when it lives below one of them.
    /// </summary>
    public IList<string> HiddenPaths { get; } = ["/root", "/home", "/run"];

    /// <summary>Host folders made visible read-only even below a hidden folder (e.g. a shared NuGet package cache).</summary>
    public IList<string> ReadOnlyPaths { get; } = [];

    /// <summary>Host folders made writable besides the workspace (e.g. a build cache shared by sessions).</summary>
    public IList<string> ReadWritePaths { get; } = [];
}
