namespace Honk.Tools;

/// <summary>
/// Builds bubblewrap's command line for one command. The sandbox starts from an empty root and mounts an allow-list:
/// the system folders read-only (<c>/usr</c>, <c>/bin</c>, <c>/lib*</c>, <c>/etc</c> without its secret files), the
/// configured toolchain folders read-only, a private <c>/tmp</c>, the runner's session cache and the workspace (or
/// only its manifests) read-write. Everything else of the host (<c>/root</c>, <c>/home</c>, <c>/srv</c>,
/// <c>/var</c>, <c>/run</c>, data folders, the rest of <c>/opt</c>, Honk's state) does not exist inside.
/// </summary>
internal static class BubblewrapArguments
{
    /// <summary>The home folder inside the sandbox (on the private /tmp).</summary>
    public const string SandboxHome = "/tmp/home";

    /// <summary>The temporary folder inside the sandbox.</summary>
    public const string SandboxTemp = "/tmp";

    /// <summary>The file descriptor bubblewrap writes its JSON status to (opened by the wrapper shell).</summary>
    public const int StatusDescriptor = 3;

    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Files and folders of <c>/etc</c> that hold secrets: replaced by an empty file or folder.</summary>
    private static readonly string[] EtcSecrets =
    [
        "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers", "/etc/sudoers.d", "/etc/ssl/private",
        "/etc/security/opasswd", "/etc/krb5.keytab", "/etc/apt/auth.conf", "/etc/apt/auth.conf.d", "/etc/docker",
        "/etc/NetworkManager/system-connections", "/etc/wireguard", "/etc/ipsec.secrets", "/etc/ppp/chap-secrets",
        "/etc/ppp/pap-secrets", "/etc/subuid", "/etc/subgid",
    ];

    /// <summary>Builds the arguments that precede the command itself.</summary>
    /// <param name="layout">What this command sees.</param>
    /// <param name="options">The sandbox options.</param>
    /// <param name="userNamespace">Whether bubblewrap can map the command to the unprivileged sandbox user.</param>
    /// <returns>The arguments, ending with <c>--</c>.</returns>
    public static List<string> Build(SandboxLayout layout, SandboxOptions options, bool userNamespace)
    {
        var args = new List<string>
        {
            "--die-with-parent", "--new-session",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", "honk-sandbox",
            "--json-status-fd", StatusDescriptor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (userNamespace)
        {
            // Root on the host is not root in the sandbox: the command runs as the overflow user with no capabilities.
            var id = SandboxScratch.SandboxUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            args.AddRange(["--unshare-user", "--uid", id, "--gid", id]);
        }

        args.AddRange(["--cap-drop", "ALL"]);
        if (!layout.AllowNetwork)
        {
            args.Add("--unshare-net");
        }

        var mounted = new List<string>();
        AddSystem(args, mounted, layout.AllowNetwork);
        foreach (var path in Resolved(options.ReadOnlyPaths))
        {
            args.AddRange(["--ro-bind", path, path]);
            mounted.Add(path);
        }

        foreach (var path in Resolved(options.ReadWritePaths))
        {
            args.AddRange(["--bind", path, path]);
            mounted.Add(path);
        }

        var hidden = HiddenPaths(options);
        Hide(args, hidden.Where(h => !HostPaths.IsSameOrInside(h, layout.Root) && mounted.Any(m => HostPaths.IsSameOrInside(h, m))));

        if (layout.SessionCache is { } cache)
        {
            args.AddRange(["--bind", cache, SessionCache.SandboxPath]);
        }

        if (layout.ManifestFiles is { } manifests)
        {
            AddManifestView(args, layout, manifests);
        }
        else
        {
            AddWorkspace(args, layout.Root);
            Hide(args, hidden.Where(h => h != layout.Root && HostPaths.IsSameOrInside(h, layout.Root)));
        }

        // The skeleton root (mount points only) stays read-only; writable places are the mounts above.
        args.AddRange(["--remount-ro", "/", "--chdir", layout.WorkingDirectory, "--"]);
        return args;
    }

    private static void AddSystem(List<string> args, List<string> mounted, bool allowNetwork)
    {
        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                // Merged /usr: /bin is a link to usr/bin, kept a link so paths resolve the same way.
                args.AddRange(["--symlink", target, folder]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", folder, folder]);
                mounted.Add(folder);
            }
        }

        args.AddRange(["--ro-bind", "/etc", "/etc", "--ro-bind", SandboxScratch.PasswdFile, "/etc/passwd", "--ro-bind", SandboxScratch.GroupFile, "/etc/group"]);
        mounted.Add("/etc");
        var sshKeys = Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : [];
        Hide(args, EtcSecrets.Concat(sshKeys).Select(HostPaths.TryResolve).OfType<string>().Where(p => HostPaths.IsSameOrInside(p, "/etc")));

        if (allowNetwork && HostPaths.TryResolve("/etc/resolv.conf") is { } resolver && !HostPaths.IsSameOrInside(resolver, "/etc"))
        {
            // Name resolution needs the real resolv.conf, which often lives under /run.
            args.AddRange(["--ro-bind", resolver, resolver]);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", SandboxTemp, "--dir", SandboxHome, "--tmpfs", "/var/tmp"]);

        // The CPU list, so nproc and runtimes see the real core count.
        args.AddRange(["--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]);
    }

    private static void AddWorkspace(List<string> args, string root)
    {
        args.AddRange(["--bind", root, root]);

        // Git's internals stay read-only: a command that rewrote .git/config or the .git file could make the
        // unsandboxed git tool run a program of its choice (core.fsmonitor, filters, hooks).
        var dotGit = Path.Combine(root, ".git");
        if (new FileInfo(dotGit).LinkTarget is null && (File.Exists(dotGit) || Directory.Exists(dotGit)))
        {
            args.AddRange(["--ro-bind", dotGit, dotGit]);
        }
    }

    private static void AddManifestView(List<string> args, SandboxLayout layout, IReadOnlyList<string> manifests)
    {
        // An empty workspace, then only the manifests (read-only) and the restore's output folders (writable).
        args.AddRange(["--tmpfs", layout.Root]);
        foreach (var file in manifests)
        {
            args.AddRange(["--ro-bind", file, file]);
        }

        foreach (var folder in layout.OutputFolders)
        {
            args.AddRange(["--bind", folder, folder]);
        }

        args.AddRange(["--dir", layout.WorkingDirectory]);
    }

    private static void Hide(List<string> args, IEnumerable<string> paths)
    {
        // Parents first, so a nested hidden folder is mounted on the parent's fresh tmpfs, not under it.
        foreach (var path in paths.Distinct(StringComparer.Ordinal).OrderBy(p => p.Length))
        {
            if (Directory.Exists(path))
            {
                args.AddRange(["--tmpfs", path]);
            }
            else if (File.Exists(path))
            {
                args.AddRange(["--ro-bind", SandboxScratch.EmptyFile, path]);
            }
        }
    }

    private static List<string> HiddenPaths(SandboxOptions options)
    {
        var candidates = options.HiddenPaths.ToList();
        if (System.Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home)
        {
            candidates.Add(home);
        }

        return Resolved(candidates).Where(path => path != "/" && path != SandboxTemp).ToList();
    }

    private static IEnumerable<string> Resolved(IEnumerable<string> paths)
        => paths.Where(Path.IsPathRooted).Select(HostPaths.TryResolve).OfType<string>();
}
