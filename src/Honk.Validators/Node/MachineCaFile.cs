namespace Honk.Validators;

/// <summary>
/// The CA bundle the machine's npm trusts (its global npmrc's <c>cafile</c>, as on a machine behind a TLS-inspecting
/// proxy), for yarn 2+, which reads no npmrc: its own setting is <c>caFilePath</c> (<c>YARN_CA_FILE_PATH</c>). Without
/// it, yarn 2+ installs failed with "self-signed certificate in certificate chain" where npm, pnpm and yarn 1 succeed
/// (arcanis/typanion, session 9).
/// </summary>
/// <remarks>
/// Only the machine's settings are read — the process's <c>npm_config_cafile</c>, the global npmrc
/// (<c>npm_config_globalconfig</c>, else <c>&lt;prefix&gt;/etc/npmrc</c> of the <c>node</c> on the PATH), then
/// <c>NODE_EXTRA_CA_CERTS</c> — never a repository's or the user's <c>.npmrc</c>, and only a file under <c>/etc</c> or
/// <c>/usr</c> (not <c>/etc/ssl/private</c>): the system folders the sandbox shows read-only. So nothing the sandbox
/// hides (the home folder) and nothing a repository wrote becomes a trust anchor.
/// </remarks>
internal static class MachineCaFile
{
    /// <summary>The CA file, or <see langword="null"/> when the machine configures none the sandbox can show.</summary>
    /// <param name="variable">Reads the process's environment variables.</param>
    /// <returns>The absolute path.</returns>
    public static string? Find(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        IEnumerable<string?> candidates =
        [
            variable("npm_config_cafile") ?? variable("NPM_CONFIG_CAFILE"),
            .. GlobalNpmrcs(variable).Select(CafileIn),
            variable("NODE_EXTRA_CA_CERTS"),
        ];
        return candidates.FirstOrDefault(IsVisibleSystemFile);
    }

    private static IEnumerable<string> GlobalNpmrcs(Func<string, string?> variable)
    {
        if ((variable("npm_config_globalconfig") ?? variable("NPM_CONFIG_GLOBALCONFIG")) is { Length: > 0 } configured)
        {
            yield return configured;
            yield break;
        }

        if ((variable("npm_config_prefix") ?? variable("NPM_CONFIG_PREFIX")) is { Length: > 0 } prefix)
        {
            yield return Path.Combine(prefix, "etc", "npmrc");
        }

        // npm's default prefix is the folder above node's bin folder: /usr for /usr/bin/node.
        foreach (var folder in (variable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = Path.Combine(folder, "node");
            if (File.Exists(node))
            {
                var real = new FileInfo(node).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? node;
                if (Path.GetDirectoryName(Path.GetDirectoryName(real)) is { Length: > 0 } nodePrefix)
                {
                    yield return Path.Combine(nodePrefix, "etc", "npmrc");
                }

                yield break;
            }
        }
    }

    private static string? CafileIn(string npmrc)
    {
        try
        {
            if (!File.Exists(npmrc) || new FileInfo(npmrc).Length > 64 * 1024)
            {
                return null;
            }

            foreach (var line in File.ReadLines(npmrc))
            {
                var text = line.Trim();
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && text[..equals].Trim() == "cafile")
                {
                    return text[(equals + 1)..].Trim().Trim('"', '\'');
                }
            }
        }
        catch (IOException)
        {
            // An unreadable npmrc configures nothing.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }

        return null;
    }

    private static bool IsVisibleSystemFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path) || path.Contains("${", StringComparison.Ordinal))
        {
            return false;
        }

        var full = Path.GetFullPath(path);
        return (full.StartsWith("/etc/", StringComparison.Ordinal) || full.StartsWith("/usr/", StringComparison.Ordinal))
            && !full.StartsWith("/etc/ssl/private/", StringComparison.Ordinal)
            && File.Exists(full);
    }
}
