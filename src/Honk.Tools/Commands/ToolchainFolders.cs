using NuGet.Configuration;

namespace Honk.Tools;

/// <summary>
/// Finds the host's toolchains and package caches that commands need but the sandbox's allow-list does not cover:
/// SDKs installed outside <c>/usr</c> (found from PATH), NuGet's global packages and fallback folders (from
/// <c>NUGET_PACKAGES</c>, <c>dotnet nuget locals</c> and the NuGet configuration), Cargo and rustup
/// (<c>CARGO_HOME</c>, <c>RUSTUP_HOME</c>), Go's module cache (<c>GOMODCACHE</c>, <c>GOPATH</c>), Maven's local
/// repository and Gradle's dependency cache and wrapper distributions (<c>GRADLE_USER_HOME</c>, else <c>~/.gradle</c>). Nothing is hard-coded per machine: every folder comes from the environment or the tools' own defaults.
/// </summary>
public sealed class ToolchainFolders
{
    private static readonly Lazy<ToolchainFolders> HostFolders = new(() => Discover(System.Environment.GetEnvironmentVariable));

    /// <summary>
    /// Home-folder toolchains mounted when PATH leads into them. Others are not: credentials live in the home folder
    /// (<c>~/.ssh</c>, <c>~/.aws</c>, <c>~/.config</c>), and shim-based version managers (<c>~/.pyenv</c>, asdf) would
    /// replace the system interpreter that has the test tools; a host adds those to <see cref="SandboxOptions.ReadOnlyPaths"/>.
    /// </summary>
    private static readonly HashSet<string> HomeToolchains = new(StringComparer.Ordinal)
    {
        ".dotnet", ".cargo", ".nvm", ".volta", ".bun", ".deno", "go", ".sdkman",
    };

    private static readonly string[] SystemRoots = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

    /// <summary>
    /// Where software is installed outside the system folders: the file-system standard's add-on packages (<c>/opt</c>)
    /// and the package managers' stores (Nix, Guix, snap). A PATH entry anywhere else is the host's data, whatever the
    /// machine calls it (<c>/srv</c>, <c>/var</c>, <c>/tmp</c>, a data disk at <c>/data</c>, a CI's workspace, other source
    /// trees): it is never mounted because PATH leads there. Naming the places for software, not the places for data,
    /// needs no list of one machine's folders; a host that keeps a toolchain elsewhere adds it to
    /// <see cref="SandboxOptions.ReadOnlyPaths"/>.
    /// </summary>
    private static readonly string[] SoftwareRoots = ["/opt", "/nix", "/gnu", "/snap"];

    private ToolchainFolders()
    {
    }

    /// <summary>The folders found on this host (looked up once per process).</summary>
    public static ToolchainFolders Host => HostFolders.Value;

    /// <summary>SDK and tool folders (read-only in the sandbox).</summary>
    public IReadOnlyList<string> Toolchains { get; private init; } = [];

    /// <summary>NuGet's global packages folder and fallback folders: read-only, and NuGet fallback folders in the sandbox.</summary>
    public IReadOnlyList<string> NuGetPackageFolders { get; private init; } = [];

    /// <summary>Other package caches shown read-only (Cargo's home, rustup, Go's module cache, Maven's repository, Gradle's caches and wrapper distributions).</summary>
    public IReadOnlyList<string> PackageCaches { get; private init; } = [];

    /// <summary>Environment variables that point the tools at those folders inside the sandbox.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    /// <summary>Credential files inside those folders, hidden in the sandbox (e.g. Cargo's registry token).</summary>
    public IReadOnlyList<string> Secrets { get; private init; } = [];

    /// <summary>Looks the folders up from an environment.</summary>
    /// <param name="environment">Reads an environment variable (the host's for <see cref="Host"/>).</param>
    /// <returns>The folders that exist.</returns>
    public static ToolchainFolders Discover(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = environment("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var caches = new List<string>();
        var secrets = new List<string>();

        var cargoHome = environment("CARGO_HOME") is { Length: > 0 } c ? c : Path.Combine(home, ".cargo");
        if (Directory.Exists(cargoHome))
        {
            caches.Add(cargoHome);
            variables["CARGO_HOME"] = cargoHome;
            secrets.AddRange([Path.Combine(cargoHome, "credentials"), Path.Combine(cargoHome, "credentials.toml")]);
        }

        var rustupHome = environment("RUSTUP_HOME") is { Length: > 0 } r ? r : Path.Combine(home, ".rustup");
        if (Directory.Exists(rustupHome))
        {
            caches.Add(rustupHome);
            variables["RUSTUP_HOME"] = rustupHome;
        }

        var goPath = environment("GOPATH") is { Length: > 0 } g ? g.Split(':')[0] : Path.Combine(home, "go");
        var goModules = environment("GOMODCACHE") is { Length: > 0 } m ? m : Path.Combine(goPath, "pkg", "mod");
        if (Directory.Exists(goModules))
        {
            caches.Add(goModules);
            variables["GOMODCACHE"] = goModules;
        }

        var maven = Path.Combine(home, ".m2", "repository");
        if (Directory.Exists(maven))
        {
            caches.Add(maven);
            variables["MAVEN_OPTS"] = "-Dmaven.repo.local=" + maven;
        }

        // Gradle: the validator gives every session its own GRADLE_USER_HOME (writable, in the workspace); the host's
        // dependency cache is offered read-only through Gradle's own read-only cache (GRADLE_RO_DEP_CACHE, the folder
        // holding modules-2), and the wrapper's unpacked distributions are made visible for the validator to link.
        var gradleHome = environment("GRADLE_USER_HOME") is { Length: > 0 } gh ? gh : Path.Combine(home, ".gradle");
        var gradleCaches = Path.Combine(gradleHome, "caches");
        if (Directory.Exists(Path.Combine(gradleCaches, "modules-2")))
        {
            caches.Add(gradleCaches);
            variables["GRADLE_RO_DEP_CACHE"] = gradleCaches;
        }

        var gradleDistributions = Path.Combine(gradleHome, "wrapper", "dists");
        if (Directory.Exists(gradleDistributions))
        {
            caches.Add(gradleDistributions);
        }

        var nuget = NuGetFolders(environment, home);
        if (nuget.Count > 0)
        {
            // Restores write to the session's own NUGET_PACKAGES and take what the host already has from here.
            variables["RestoreAdditionalProjectFallbackFolders"] = string.Join(';', nuget);
        }

        return new ToolchainFolders
        {
            Toolchains = SearchPathToolchains(environment("PATH") ?? "", home),
            NuGetPackageFolders = nuget,
            PackageCaches = caches,
            Environment = variables,
            Secrets = secrets.Where(File.Exists).ToList(),
        };
    }

    /// <summary>The SDK folder of every PATH entry outside the system folders (e.g. <c>/opt/go</c> for <c>/opt/go/bin</c>).</summary>
    private static List<string> SearchPathToolchains(string searchPath, string home)
    {
        var found = new List<string>();
        foreach (var entry in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted))
        {
            if (HostPaths.TryResolve(entry) is { } resolved && ToolchainFolderOf(resolved, home) is { } toolchain)
            {
                found.Add(toolchain);
            }
        }

        return found.Where(Directory.Exists).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The folder to mount for a PATH entry (its links resolved), or <see langword="null"/>: nothing for the system
    /// folders (mounted anyway), the toolchain's top folder in the home folder (only the known ones), the SDK folder
    /// under a <see cref="SoftwareRoots">place for software</see> (<c>/opt/go</c> for <c>/opt/go/bin</c>), else nothing.
    /// </summary>
    internal static string? ToolchainFolderOf(string resolved, string home)
    {
        if (SystemRoots.Any(root => HostPaths.IsSameOrInside(resolved, root)))
        {
            return null;
        }

        if (home.Length > 1 && HostPaths.IsSameOrInside(resolved, home))
        {
            var top = resolved == home ? "" : resolved[(home.TrimEnd('/').Length + 1)..].Split('/')[0];
            return HomeToolchains.Contains(top) ? Path.Combine(home, top) : null;
        }

        if (!SoftwareRoots.Any(root => HostPaths.IsSameOrInside(resolved, root) && resolved != root))
        {
            return null;
        }

        var name = Path.GetFileName(resolved);
        var folder = name is "bin" or "sbin" or "shims" ? Path.GetDirectoryName(resolved)! : resolved;
        return SoftwareRoots.Contains(folder, StringComparer.Ordinal) ? null : folder;
    }

    // NuGet's own settings reader (the library dotnet uses) finds what `dotnet nuget locals global-packages --list` and
    // the fallback folders of `dotnet nuget config paths` would, from the home folder, without starting dotnet: two
    // `dotnet nuget` processes cost seconds of every session's start on a busy machine. It is loaded only when a
    // configuration could name those folders (NuGetSettingsMatter): on most hosts none does, and the reader and the
    // XML stack it brings cost every run's start-up CPU, on a repository that may not use NuGet at all.
    private static List<string> NuGetFolders(Func<string, string?> environment, string home)
    {
        var configured = environment("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var folders = NuGetSettingsMatter(environment, home)
            ? FoldersFromNuGetSettings(configured, home)
            : [configured ?? Path.Combine(home, ".nuget", "packages")];
        return folders.Where(Path.IsPathRooted).Select(f => f.TrimEnd('/')).Where(Directory.Exists).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> FoldersFromNuGetSettings(string? configured, string home)
    {
        var folders = new List<string>();
        ISettings? settings = null;
        try
        {
            settings = Settings.LoadDefaultSettings(Directory.Exists(home) ? home : "/");
        }
        catch (Exception e) when (e is NuGetConfigurationException or IOException or UnauthorizedAccessException)
        {
            // An unreadable configuration contributes nothing; the default folder still counts.
        }

        var global = configured
            ?? (settings is null ? null : SettingsUtility.GetGlobalPackagesFolder(settings)) ?? Path.Combine(home, ".nuget", "packages");
        folders.Add(global.TrimEnd('/'));
        if (settings is not null)
        {
            folders.AddRange(SettingsUtility.GetFallbackPackageFolders(settings));
        }

        return folders;
    }

    /// <summary>
    /// Whether NuGet's configuration could change the answer: a fallback-folder variable is set, or a configuration file
    /// NuGet reads (a <c>nuget.config</c> in the home folder or above it, <c>~/.nuget/NuGet</c>, <c>/etc/opt/NuGet</c>)
    /// mentions <c>globalPackagesFolder</c> or <c>fallbackPackageFolders</c>, or cannot be read. Otherwise NuGet's
    /// answer is its default: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>, and no fallback folders. The files
    /// looked at are a superset of NuGet's, so a doubt always goes to NuGet's own reader.
    /// </summary>
    internal static bool NuGetSettingsMatter(Func<string, string?> environment, string home)
    {
        if (new[] { "NUGET_FALLBACK_PACKAGES", "NUGET_COMMON_APPLICATION_DATA" }.Any(name => !string.IsNullOrEmpty(environment(name) ?? System.Environment.GetEnvironmentVariable(name))))
        {
            return true;
        }

        var files = new List<string>();
        for (var folder = Directory.Exists(home) ? new DirectoryInfo(home) : new DirectoryInfo("/"); folder is not null; folder = folder.Parent)
        {
            // The pattern matches case-insensitively (NuGet.Config, nuget.config): only that name is listed, not every file.
            files.AddRange(ConfigFiles(folder.FullName, "nuget.config", SearchOption.TopDirectoryOnly));
        }

        var processHome = System.Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : home;
        foreach (var userHome in new[] { home, processHome }.Distinct(StringComparer.Ordinal))
        {
            files.AddRange(ConfigFiles(Path.Combine(userHome, ".nuget", "NuGet"), "*.config", SearchOption.AllDirectories));
        }

        files.AddRange(ConfigFiles("/etc/opt/NuGet", "*.config", SearchOption.AllDirectories));
        return files.Any(MentionsPackageFolders);
    }

    private static IEnumerable<string> ConfigFiles(string folder, string pattern, SearchOption option)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, pattern, new EnumerationOptions { RecurseSubdirectories = option == SearchOption.AllDirectories, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive, MaxRecursionDepth = 4 }) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool MentionsPackageFolders(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            return text.Contains("globalPackagesFolder", StringComparison.OrdinalIgnoreCase) || text.Contains("fallbackPackageFolders", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
