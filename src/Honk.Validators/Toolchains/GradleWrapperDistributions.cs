namespace Honk.Validators.Toolchains;

/// <summary>
/// Makes the host's unpacked Gradle wrapper distributions usable from a session's own Gradle home. Each session's
/// <c>GRADLE_USER_HOME</c> is <c>.honk/gradle</c> in its workspace (writable, kept between rounds); offline, the
/// wrapper there would try to download its distribution and fail. The host's
/// <c>~/.gradle/wrapper/dists</c> is visible read-only in the sandbox (<c>ToolchainFolders</c>), but the wrapper writes a
/// lock file beside the distribution, so each finished install (its <c>*.ok</c> marker present) gets a writable folder
/// of its own in the session's home holding links to the host's unpacked distribution, archive and marker.
/// </summary>
internal static class GradleWrapperDistributions
{
    /// <summary>The host's wrapper distributions: <c>$GRADLE_USER_HOME/wrapper/dists</c>, else <c>~/.gradle/wrapper/dists</c>.</summary>
    /// <param name="environment">Reads a host environment variable.</param>
    /// <returns>The folder (it may not exist).</returns>
    public static string HostFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = environment("GRADLE_USER_HOME") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".gradle");
        return Path.Combine(home, "wrapper", "dists");
    }

    /// <summary>Links every finished install of <paramref name="hostDistributions"/> into <paramref name="sessionHome"/>, once.</summary>
    /// <param name="hostDistributions">The host's <c>wrapper/dists</c> folder.</param>
    /// <param name="sessionHome">The session's Gradle home.</param>
    /// <returns>How many installs were linked now.</returns>
    public static int Link(string hostDistributions, string sessionHome)
    {
        ArgumentNullException.ThrowIfNull(hostDistributions);
        ArgumentNullException.ThrowIfNull(sessionHome);
        if (!Directory.Exists(hostDistributions))
        {
            return 0;
        }

        var linked = 0;
        foreach (var install in Directory.EnumerateDirectories(hostDistributions).SelectMany(Directory.EnumerateDirectories))
        {
            // gradle-8.5-bin/<hash>/ holding gradle-8.5/, gradle-8.5-bin.zip and gradle-8.5-bin.zip.ok once unpacked.
            if (!Directory.EnumerateFiles(install, "*.ok").Any())
            {
                continue;
            }

            var distribution = Path.GetFileName(Path.GetDirectoryName(install))!;
            var relative = $"wrapper/dists/{distribution}/{Path.GetFileName(install)}";
            var target = Path.Combine(sessionHome, relative);
            if (Directory.Exists(target))
            {
                continue;
            }

            // The session's Gradle home is in the workspace: a build may have left a link on the way (ADR 0039).
            HostWrites.CreateFolder(sessionHome, relative);
            foreach (var entry in Directory.EnumerateFileSystemEntries(install).Where(e => !e.EndsWith(".lck", StringComparison.Ordinal)))
            {
                var link = Path.Combine(target, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    Directory.CreateSymbolicLink(link, entry);
                }
                else
                {
                    File.CreateSymbolicLink(link, entry);
                }
            }

            linked++;
        }

        return linked;
    }
}
