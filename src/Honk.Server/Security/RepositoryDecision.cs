using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>What the allow-list made of a repository a remote caller named: the location to use, or why not.</summary>
/// <param name="Repository">The local path or URL to work on; null when refused.</param>
/// <param name="Status">200 when allowed; 400 for a malformed name, 403 for one outside the allow-list.</param>
/// <param name="Error">Why it was refused, for the caller.</param>
public sealed record RepositoryDecision(string? Repository, int Status, string? Error)
{
    /// <summary>Whether the repository may be used.</summary>
    public bool Allowed => Repository is not null;

    internal static RepositoryDecision Allow(string repository) => new(repository, StatusCodes.Status200OK, null);

    internal static RepositoryDecision BadRequest(string error) => new(null, StatusCodes.Status400BadRequest, error);

    internal static RepositoryDecision Forbidden(string error) => new(null, StatusCodes.Status403Forbidden, error);
}
