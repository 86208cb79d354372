namespace Honk.Hosting;

/// <summary>A request made in a GitHub issue or pull-request comment; the result is posted back as a comment.</summary>
/// <param name="Owner">The repository owner.</param>
/// <param name="Repository">The repository name.</param>
/// <param name="Number">The issue or pull-request number.</param>
/// <param name="Login">The GitHub login of the commenter.</param>
public sealed record GitHubOrigin(string Owner, string Repository, int Number, string Login) : SessionOrigin
{
    /// <summary>True when <see cref="Number"/> is a pull request rather than an issue.</summary>
    public bool IsPullRequest { get; init; }

    /// <summary>The id of the comment that asked, when known (to react to it or quote it).</summary>
    public long? CommentId { get; init; }
}
