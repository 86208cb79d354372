namespace Honk.Tools;

/// <summary>
/// The sandbox a host gives sessions: the host's toolchains and package caches (see <see cref="ToolchainFolders"/>)
/// visible read-only, and a per-session writable cache for restores (NuGet, npm, yarn, pnpm) that takes what the host
/// already has from the read-only caches, so offline restores work and nothing a session restores reaches the host.
/// </summary>
public static class SandboxDefaults
{
    /// <summary>The variables pointed at the session's own writable cache.</summary>
    public static IReadOnlyList<string> SessionCacheVariables { get; } =
        ["NUGET_PACKAGES", "npm_config_cache", "YARN_CACHE_FOLDER", "npm_config_store_dir"];

    /// <summary>Creates the options for this host.</summary>
    /// <param name="allowUnsandboxed">Run without bubblewrap when it is unavailable (dangerous).</param>
    /// <param name="hiddenPaths">More host paths never visible (e.g. Honk's state folder).</param>
    /// <returns>New options; the caller may add to them.</returns>
    public static SandboxOptions Create(bool allowUnsandboxed = false, IEnumerable<string>? hiddenPaths = null)
        => CreateFor(ToolchainFolders.Host, allowUnsandboxed, hiddenPaths);

    /// <summary>Creates the options for the given toolchain folders.</summary>
    /// <param name="folders">The folders to show.</param>
    /// <param name="allowUnsandboxed">Run without bubblewrap when it is unavailable (dangerous).</param>
    /// <param name="hiddenPaths">More host paths never visible (e.g. Honk's state folder).</param>
    /// <returns>New options; the caller may add to them.</returns>
    public static SandboxOptions CreateFor(ToolchainFolders folders, bool allowUnsandboxed = false, IEnumerable<string>? hiddenPaths = null)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var options = new SandboxOptions { AllowUnsandboxed = allowUnsandboxed };
        foreach (var folder in folders.Toolchains.Concat(folders.NuGetPackageFolders).Concat(folders.PackageCaches).Distinct(StringComparer.Ordinal))
        {
            options.ReadOnlyPaths.Add(folder);
        }

        foreach (var (name, value) in folders.Environment)
        {
            options.Environment[name] = value;
        }

        foreach (var path in folders.Secrets.Concat(hiddenPaths ?? []))
        {
            options.HiddenPaths.Add(path);
        }

        foreach (var variable in SessionCacheVariables)
        {
            options.SessionCacheVariables.Add(variable);
        }

        return options;
    }
}
