using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Honk.Git;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// Where a workspace's commits come from: a local repository (used read-only, as the mirror's origin) or a remote
/// URL. <see cref="Key"/> is the normalized identity that picks the mirror folder.
/// </summary>
/// <param name="IsLocal">True for a repository on this machine given as a path.</param>
/// <param name="FetchUrl">What the mirror fetches from: the resolved local path or the URL as given.</param>
/// <param name="Key">The normalized identity (no credentials), e.g. <c>https://github.com/org/repo</c>.</param>
/// <param name="Name">A short readable name for folders, e.g. <c>repo</c>.</param>
internal sealed partial record RepositorySource(bool IsLocal, string FetchUrl, string Key, string Name)
{
    private static readonly HashSet<string> SupportedSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "file", "git", "http", "https", "ssh", "git+ssh", "ssh+git",
    };

    /// <summary>The mirror's folder name: the readable name plus a hash of <see cref="Key"/>.</summary>
    public string MirrorName => $"{Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..12]}";

    /// <summary>True when <paramref name="repository"/> is written as a URL (with a scheme, or ssh's <c>user@host:path</c>).</summary>
    /// <param name="repository">The repository as the caller wrote it.</param>
    /// <returns>Whether it is a URL rather than a local path.</returns>
    public static bool IsUrl(string repository)
        => SchemePattern().IsMatch(repository) || (!Path.IsPathRooted(repository) && ScpPattern().IsMatch(repository));

    /// <summary>Describes a remote URL.</summary>
    /// <param name="url">A URL with a scheme or an scp-like ssh address.</param>
    /// <returns>The source.</returns>
    /// <exception cref="GitException">The scheme is not one git can fetch from, or the URL is malformed.</exception>
    public static RepositorySource FromUrl(string url)
    {
        var trimmed = url.Trim();
        var scheme = SchemePattern().Match(trimmed);
        if (!scheme.Success)
        {
            var scp = ScpPattern().Match(trimmed);
            var user = scp.Groups["user"].Success ? scp.Groups["user"].Value + "@" : "";
            var path = TrimRepositorySuffix(scp.Groups["path"].Value);
            var key = $"ssh://{user}{scp.Groups["host"].Value.ToLowerInvariant()}/{path.TrimStart('/')}";
            return new RepositorySource(false, trimmed, key, NameFromPath(path));
        }

        var schemeName = scheme.Groups["scheme"].Value;
        if (!SupportedSchemes.Contains(schemeName))
        {
            throw new GitException($"Repository URL '{GitRedaction.Redact(trimmed)}' uses the scheme '{schemeName}', which git cannot fetch from (use file, git, http, https or ssh).");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            throw new GitException($"Repository URL '{GitRedaction.Redact(trimmed)}' is not a valid URL.");
        }

        var userName = uri.UserInfo.Split(':', 2)[0];
        var port = uri.IsDefaultPort || IsDefaultGitPort(uri) ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var uriPath = TrimRepositorySuffix(Uri.UnescapeDataString(uri.AbsolutePath));
        var normalized = $"{schemeName.ToLowerInvariant()}://{(userName.Length > 0 ? userName + "@" : "")}{uri.Host.ToLowerInvariant()}{port}{uriPath}";
        return new RepositorySource(false, trimmed, normalized, NameFromPath(uriPath));
    }

    /// <summary>Describes a local repository already resolved to its real top-level folder (or git dir when bare).</summary>
    /// <param name="resolvedPath">The repository's absolute, resolved path.</param>
    /// <returns>The source.</returns>
    public static RepositorySource FromLocalPath(string resolvedPath)
        => new(true, resolvedPath, "local:" + resolvedPath, NameFromPath(resolvedPath));

    private static bool IsDefaultGitPort(Uri uri)
        => (uri.Scheme == "git" && uri.Port == 9418) || (uri.Scheme.Contains("ssh", StringComparison.Ordinal) && uri.Port == 22);

    private static string TrimRepositorySuffix(string path)
    {
        var result = path.TrimEnd('/');
        if (result.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            result = result[..^4];
        }

        return result.TrimEnd('/');
    }

    private static string NameFromPath(string path)
    {
        var last = TrimRepositorySuffix(path.Replace('\\', '/')).Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var safe = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('.', '-');
        if (safe.Length > 40)
        {
            safe = safe[..40];
        }

        return safe.Length == 0 ? "repo" : safe;
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SchemePattern();

    // git's rule: a colon before the first slash makes an ssh address (host:path or user@host:path).
    [GeneratedRegex(@"^(?:(?<user>[^@/:]+)@)?(?<host>[^/:@]+):(?<path>.*)$")]
    private static partial Regex ScpPattern();
}
