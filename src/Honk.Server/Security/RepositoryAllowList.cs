namespace Honk.Server;

/// <summary>
/// Which repositories remote callers (the API, Slack, GitHub) may have Honk work on: repositories named in the
/// server's options, paths under <see cref="HonkServerOptions.AllowedRepositoryRoots"/> (resolved, symbolic links
/// followed, then checked again) and URLs under <see cref="HonkServerOptions.AllowedRemotes"/>. Anything else — another
/// local source tree, a <c>..</c> walk, a link out of a root, another GitHub repository — is refused with a reason.
/// </summary>
public sealed class RepositoryAllowList
{
    private readonly HonkServerOptions _options;

    /// <summary>Creates the allow-list over the server's options.</summary>
    /// <param name="options">The options (named repositories, roots and remotes).</param>
    public RepositoryAllowList(HonkServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Resolves what an API caller named: a repository name, an allowed URL, or a path under an allowed root.</summary>
    /// <param name="requested">The caller's text.</param>
    /// <returns>The repository to use, or the refusal.</returns>
    public RepositoryDecision Resolve(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var text = requested.Trim();
        if (text.Length == 0)
        {
            return RepositoryDecision.BadRequest("'repository' is empty.");
        }

        if (_options.Repositories.TryGetValue(text, out var named))
        {
            return RepositoryDecision.Allow(named);
        }

        // A location the operator configured is allowed by its own text too.
        if (_options.Repositories.Values.Contains(text, StringComparer.Ordinal) || string.Equals(text, _options.DefaultRepository, StringComparison.Ordinal))
        {
            return RepositoryDecision.Allow(text);
        }

        if (text.Split('/', '\\').Any(part => part == ".."))
        {
            return RepositoryDecision.BadRequest($"The repository '{text}' walks up with '..'; name a repository, or a path inside an allowed root without '..'.");
        }

        if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return RepositoryDecision.Forbidden("file: URLs are local paths; give the path itself (it must be under an allowed root).");
        }

        return IsRemote(text) ? ResolveRemote(text) : ResolveLocal(text);
    }

    /// <summary>
    /// The repository a GitHub comment acts on: its own, and only its own — the one named by <c>owner/name</c> in the
    /// server's repositories, or the payload's clone URL when it is that same repository and an allowed remote.
    /// </summary>
    /// <param name="comment">The verified comment event.</param>
    /// <returns>The repository to use, or the refusal.</returns>
    public RepositoryDecision ResolveGitHub(GitHubIssueCommentEvent comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (_options.Repositories.TryGetValue(comment.RepositoryFullName, out var named))
        {
            return RepositoryDecision.Allow(named);
        }

        if (!Uri.TryCreate(comment.CloneUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || !string.Equals(RemoveGitSuffix(url.AbsolutePath.Trim('/')), comment.RepositoryFullName, StringComparison.OrdinalIgnoreCase))
        {
            return RepositoryDecision.Forbidden($"A GitHub comment acts on its own repository only: the clone URL '{comment.CloneUrl}' is not {comment.RepositoryFullName}.");
        }

        return MatchesRemote(comment.CloneUrl)
            ? RepositoryDecision.Allow(comment.CloneUrl)
            : RepositoryDecision.Forbidden($"The repository {comment.RepositoryFullName} is not on this server's allow-list (name it in Repositories or add its URL prefix to AllowedRemotes).");
    }

    /// <summary>Whether <paramref name="text"/> is a remote git location (<c>scheme://…</c> or <c>user@host:path</c>), not a local path.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for a remote.</returns>
    public static bool IsRemote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && text.Contains("://", StringComparison.Ordinal))
        {
            return uri.Scheme is "https" or "http" or "ssh" or "git";
        }

        // scp-like syntax, as git reads it: a colon before any slash.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash) && !Path.IsPathFullyQualified(text);
    }

    private RepositoryDecision ResolveRemote(string url)
        => MatchesRemote(url)
            ? RepositoryDecision.Allow(url)
            : RepositoryDecision.Forbidden($"The repository '{url}' is not on this server's allow-list (AllowedRemotes: {Describe(_options.AllowedRemotes)}).");

    private bool MatchesRemote(string url)
        => _options.AllowedRemotes.Any(prefix => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (prefix.EndsWith('/') || prefix.EndsWith(':') || url.Length == prefix.Length || url[prefix.Length] is '/' or '.'));

    private RepositoryDecision ResolveLocal(string path)
    {
        if (_options.AllowedRepositoryRoots.Count == 0)
        {
            return RepositoryDecision.Forbidden($"Local paths are off for remote callers: name one of this server's repositories ({Describe(_options.Repositories.Keys)}), or have the operator allow a folder (AllowedRepositoryRoots).");
        }

        if (!Path.IsPathFullyQualified(path))
        {
            return RepositoryDecision.BadRequest($"The repository '{path}' is neither a configured name, a URL nor an absolute path.");
        }

        var real = RealPath.Resolve(path);
        if (real is null)
        {
            // Outside the roots, "missing" and "forbidden" must read the same, or the API becomes a probe of the disk.
            var lexical = Path.GetFullPath(path);
            return _options.AllowedRepositoryRoots.Any(root => RealPath.IsUnder(lexical, Path.GetFullPath(root)))
                ? RepositoryDecision.BadRequest($"The repository '{path}' does not exist (or its symbolic links loop).")
                : Outside(path, "");
        }

        foreach (var root in _options.AllowedRepositoryRoots)
        {
            if (RealPath.Resolve(root) is { } realRoot && RealPath.IsUnder(real, realRoot))
            {
                return RepositoryDecision.Allow(real);
            }
        }

        return Outside(path, real == Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) ? "" : $" (it resolves through a symbolic link to '{real}')");
    }

    private RepositoryDecision Outside(string path, string via)
        => RepositoryDecision.Forbidden($"The repository '{path}'{via} is outside the folders this server allows ({Describe(_options.AllowedRepositoryRoots)}).");

    private static string RemoveGitSuffix(string path) => path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;

    private static string Describe(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none configured" : string.Join(", ", list);
    }
}
