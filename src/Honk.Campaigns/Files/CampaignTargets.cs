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
