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
}
