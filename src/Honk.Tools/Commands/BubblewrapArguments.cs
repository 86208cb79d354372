namespace Honk.Tools;

/// <summary>Builds bubblewrap's command line for one command.</summary>
internal static class BubblewrapArguments
{
    /// <summary>The home folder inside the sandbox (on the private /tmp).</summary>
    public const string SandboxHome = "/tmp/home";

    /// <summary>The temporary folder inside the sandbox.</summary>
    public const string SandboxTemp = "/tmp";

    /// <summary>Builds the arguments that precede the command itself.</summary>
    /// <param name="root">The resolved workspace root (bound read-write at the same path).</param>
    /// <param name="workingDirectory">The resolved working directory inside the root.</param>
    /// <param name="options">The sandbox options.</param>
    /// <param name="allowNetwork">Whether to keep the host's network.</param>
    /// <returns>The arguments, ending with <c>--</c>.</returns>
    public static List<string> Build(string root, string workingDirectory, SandboxOptions options, bool allowNetwork)
    {
        var args = new List<string>
        {
            "--die-with-parent", "--new-session",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", "honk-sandbox",
            "--cap-drop", "ALL",
            "--ro-bind", "/", "/",
            "--dev", "/dev",
            "--proc", "/proc",
            "--tmpfs", SandboxTemp,
            "--dir", SandboxHome,
        };
        if (!allowNetwork)
        {
            args.Insert(0, "--unshare-net");
        }

        var hidden = HiddenFolders(root, options);
        foreach (var folder in hidden)
        {
            args.AddRange(["--tmpfs", folder]);
        }

        if (allowNetwork && HostPaths.TryResolve("/etc/resolv.conf") is { } resolver
            && resolver != "/etc/resolv.conf" && hidden.Any(h => HostPaths.IsSameOrInside(resolver, h)))
        {
            // Name resolution needs the real resolv.conf, which often lives under the hidden /run.
            args.AddRange(["--ro-bind", resolver, resolver]);
        }

        foreach (var path in Resolved(options.ReadOnlyPaths))
        {
            args.AddRange(["--ro-bind", path, path]);
        }

        args.AddRange(["--bind", root, root]);

        // Git's internals stay read-only: a command that rewrote .git/config or the .git file could make the
        // unsandboxed git tool run a program of its choice (core.fsmonitor, filters, hooks).
        var dotGit = Path.Combine(root, ".git");
        if (new FileInfo(dotGit).LinkTarget is null && (File.Exists(dotGit) || Directory.Exists(dotGit)))
        {
            args.AddRange(["--ro-bind", dotGit, dotGit]);
        }

        foreach (var path in Resolved(options.ReadWritePaths))
        {
            args.AddRange(["--bind", path, path]);
        }

        args.AddRange(["--chdir", workingDirectory, "--"]);
        return args;
    }

    private static List<string> HiddenFolders(string root, SandboxOptions options)
    {
        var candidates = options.HiddenPaths.ToList();
        if (System.Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home)
        {
            candidates.Add(home);
        }

        // Parents first, so a nested hidden folder is mounted on the parent's fresh tmpfs, not under it.
        return Resolved(candidates)
            .Where(path => path != "/" && path != SandboxTemp && !HostPaths.IsSameOrInside(path, root) && Directory.Exists(path))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path.Length)
            .ToList();
    }

    private static IEnumerable<string> Resolved(IEnumerable<string> paths)
        => paths.Where(Path.IsPathRooted).Select(HostPaths.TryResolve).OfType<string>();
}
