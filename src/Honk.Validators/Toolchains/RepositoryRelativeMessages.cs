namespace Honk.Validators.Toolchains;

/// <summary>
/// Makes the absolute paths inside findings' messages relative to the repository: runners print <c>__FILE__</c>,
/// assertion locations and project paths absolutely, and a message must read the same in the session's worktree and on
/// the base checkout (or the baseline never matches it).
/// </summary>
internal static class RepositoryRelativeMessages
{
    public static IEnumerable<ValidationFinding> Apply(IEnumerable<ValidationFinding> findings, string root)
    {
        var prefixes = RootPrefixes(root);
        return findings.Select(f => f with { Message = prefixes.Aggregate(f.Message, (text, prefix) => text.Replace(prefix, "", StringComparison.Ordinal)) });
    }

    private static string[] RootPrefixes(string root)
    {
        var resolved = root;
        try
        {
            resolved = new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root;
        }
        catch (IOException)
        {
            // The root as given is still a prefix to remove.
        }

        return [.. new[] { root, resolved }.Select(r => r.TrimEnd('/') + "/").Distinct(StringComparer.Ordinal)];
    }
}
