namespace Honk.Campaigns;

/// <summary>How a campaign names a repository: a git URL as given, a path made absolute.</summary>
public static class CampaignTargets
{
    /// <summary>Resolves one target.</summary>
    /// <param name="target">A path or a git URL.</param>
    /// <param name="baseDirectory">Where a relative path is resolved.</param>
    /// <returns>The URL, or the absolute path.</returns>
    public static string Resolve(string target, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var trimmed = target.Trim();
        return IsUrl(trimmed) ? trimmed : Path.TrimEndingDirectorySeparator(Path.GetFullPath(trimmed, baseDirectory));
    }

    /// <summary>The URL schemes a target may use besides <c>file://</c>; others would run programs or reach odd places.</summary>
    private static readonly string[] Schemes = ["https", "http", "ssh", "git", "git+ssh", "ssh+git"];

    /// <summary>
    /// Why a target as written cannot be a repository, or <see langword="null"/> when it may be: a target is handed to
    /// git, so one that git would read as an option (<c>--upload-pack=…</c>), a remote helper that runs a program
    /// (<c>ext::sh -c …</c>, any <c>transport::address</c>), a scheme other than https, http, ssh, git, file, a host that starts
    /// with <c>-</c> (<c>ssh://-oProxyCommand=…</c>) or a control character is refused before anything runs.
    /// </summary>
    /// <param name="target">The target, trimmed, as written in the campaign file.</param>
    /// <returns>The reason, naming the target.</returns>
    public static string? Problem(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var shown = Shown(target);
        if (target.Any(char.IsControl))
        {
            return $"The repository '{shown}' holds a control character; give a path or a git URL on one line.";
        }

        if (target.StartsWith('-'))
        {
            return $"The repository '{shown}' starts with '-', which git would read as an option; write a folder that starts with '-' as './{shown}'.";
        }

        var transport = target.IndexOf("::", StringComparison.Ordinal);
        if (transport > 0 && IsTransportName(target[..transport]))
        {
            return $"The repository '{shown}' uses git's '{Shown(target[..transport])}::' remote-helper syntax, which runs a program; give an https://, ssh:// or git:// URL or a path.";
        }

        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var name = target[..scheme].ToLowerInvariant();
            if (name == "file")
            {
                // A local remote on this machine (a host's allow-list refuses file: for a file sent to it).
                return Uri.TryCreate(target, UriKind.Absolute, out var local) && local.IsFile ? null : $"The repository '{shown}' is not a valid file:// URL.";
            }

            if (!Schemes.Contains(name, StringComparer.Ordinal))
            {
                return $"The repository '{shown}' uses the scheme '{Shown(name)}'; a campaign's repositories are paths or {string.Join(", ", Schemes.Select(s => s + "://"))} URLs.";
            }

            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Host.StartsWith('-') || uri.UserInfo.StartsWith('-'))
            {
                return $"The repository '{shown}' is not a valid {name}:// URL with a host.";
            }
        }
        else if (IsUrl(target))
        {
            // scp-like user@host:path: git hands the host to ssh, which would read "-o…" as an option.
            var host = target[..target.IndexOf(':', StringComparison.Ordinal)];
            host = host[(host.LastIndexOf('@') + 1)..];
            if (host.Length == 0 || host.StartsWith('-'))
            {
                return $"The repository '{shown}' names no valid host before ':'.";
            }
        }

        return null;
    }

    /// <summary>
    /// What makes two targets the same repository, for refusing duplicates: a URL's host (any case, port kept) and path
    /// without a trailing <c>/</c> or <c>.git</c>, whatever the scheme or user (<c>git@github.com:o/r.git</c> and
    /// <c>https://github.com/o/r</c> are one repository); a path as resolved, without a trailing separator.
    /// </summary>
    /// <param name="target">A target that has no <see cref="Problem"/>.</param>
    /// <returns>The comparison key.</returns>
    public static string Identity(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string hostAndPath;
        if (target.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            hostAndPath = uri.Authority[(uri.Authority.LastIndexOf('@') + 1)..].ToLowerInvariant() + "/" + Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        }
        else if (IsUrl(target))
        {
            var colon = target.IndexOf(':', StringComparison.Ordinal);
            var host = target[..colon];
            hostAndPath = host[(host.LastIndexOf('@') + 1)..].ToLowerInvariant() + "/" + target[(colon + 1)..].Trim('/');
        }
        else
        {
            return "path:" + Path.TrimEndingDirectorySeparator(target);
        }

        hostAndPath = hostAndPath.TrimEnd('/');
        return "url:" + (hostAndPath.EndsWith(".git", StringComparison.Ordinal) ? hostAndPath[..^4] : hostAndPath);
    }

    /// <summary>What git takes for a remote helper's name in <c>name::address</c>: a letter, then letters, digits, <c>+ . -</c>.</summary>
    private static bool IsTransportName(string text)
        => char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-');

    private static string Shown(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>Whether a target is a git URL (<c>scheme://…</c> or scp-like <c>user@host:path</c>) rather than a path.</summary>
    /// <param name="target">The target.</param>
    /// <returns><see langword="true"/> for a URL.</returns>
    public static bool IsUrl(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Contains("://", StringComparison.Ordinal)
            || (target.Contains('@', StringComparison.Ordinal) && target.Contains(':', StringComparison.Ordinal) && !target.StartsWith('/'));
    }

    /// <summary>
    /// The GitHub <c>owner/name</c> a target's pull request is opened on: the last two segments of a git URL's path
    /// (<c>https://github.com/owner/name.git</c>, <c>git@github.com:owner/name.git</c>, or a GitHub Enterprise host), the
    /// same rule the host's <c>pr</c> channel applies. A local folder has none: its push lands in that folder, not on GitHub.
    /// </summary>
    /// <param name="target">The resolved target.</param>
    /// <returns>Owner and name, or <see langword="null"/> when the target names no GitHub repository.</returns>
    public static (string Owner, string Name)? GitHubRepositoryOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsUrl(target))
        {
            return null;
        }

        string path;
        if (target.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
            {
                return null;
            }

            path = uri.AbsolutePath;
        }
        else
        {
            path = target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var name = segments[^1].EndsWith(".git", StringComparison.Ordinal) ? segments[^1][..^4] : segments[^1];
        return name.Length == 0 ? null : (Uri.UnescapeDataString(segments[^2]), Uri.UnescapeDataString(name));
    }

    /// <summary>Why a target cannot get a pull request, or <see langword="null"/> when it can.</summary>
    /// <param name="target">The resolved target.</param>
    /// <returns>The reason, in words for the campaign's owners.</returns>
    public static string? PullRequestProblem(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return GitHubRepositoryOf(target) is not null
            ? null
            : IsUrl(target)
                ? $"'{target}' does not name a GitHub repository (owner/name), so no pull request can be opened for it: give the target as https://github.com/owner/name.git."
                : $"'{target}' is a local folder, not a GitHub remote: the campaign's push lands in that folder, so no pull request can be opened for it. Give the target as its GitHub URL (https://github.com/owner/name.git), or deliver with 'push'.";
    }
}
