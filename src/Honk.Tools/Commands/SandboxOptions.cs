namespace Honk.Tools;

/// <summary>
/// How <see cref="SandboxedCommandRunner"/> isolates commands. The defaults are the safe ones: bubblewrap required,
/// network off, only the system folders visible (read-only, <c>/etc</c> without secret files), the host's
/// environment hidden. <see cref="SandboxDefaults"/> adds the host's toolchains and caches, read-only.
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

    /// <summary>The most output lines kept (half from the start, half from the end; lines reporting failures in the middle are kept in up to a quarter). Default: 400.</summary>
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
    /// Host paths never visible, even below a visible folder (a folder becomes empty, a file empty): e.g. Honk's own
    /// state folder, a credentials file inside a toolchain folder, a secret inside the workspace. The host user's home
    /// is always added. The sandbox mounts only an allow-list anyway, so this is for paths below allowed folders.
    /// Default: <c>/root</c>, <c>/home</c>, <c>/run</c>. The workspace itself stays visible even when it lives below one.
    /// </summary>
    public IList<string> HiddenPaths { get; } = ["/root", "/home", "/run"];

    /// <summary>
    /// Host folders made visible read-only besides the system folders: toolchains (an SDK outside <c>/usr</c>) and
    /// package caches (a NuGet packages folder). Never made writable by the sandbox.
    /// </summary>
    public IList<string> ReadOnlyPaths { get; } = [];

    /// <summary>
    /// Host folders made writable besides the workspace. Anything here can be changed by the model's commands, so a
    /// folder the host itself later trusts (a shared toolchain cache) does not belong here: use
    /// <see cref="SessionCacheVariables"/> for caches.
    /// </summary>
    public IList<string> ReadWritePaths { get; } = [];

    /// <summary>
    /// Environment variables pointed at a writable cache folder of the runner (one per session workspace), e.g.
    /// <c>NUGET_PACKAGES</c> or <c>npm_config_cache</c>: restores fill it, later commands of the session read it, and
    /// it is deleted with the runner. The host never reads it. Default: none.
    /// </summary>
    public IList<string> SessionCacheVariables { get; } = [];
}
