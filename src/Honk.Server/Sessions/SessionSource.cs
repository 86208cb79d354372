namespace Honk.Server;

/// <summary>Where a session's request came from, so that the answer goes back there.</summary>
public sealed record SessionSource
{
    /// <summary><c>api</c>, <c>slack</c>, <c>github</c> or <c>review</c> (a follow-up asked for on the review page).</summary>
    public required string Kind { get; init; }

    /// <summary>Who asked: <c>slack:U123</c>, <c>github:octocat</c>, <c>api</c> or a login name.</summary>
    public required string Requester { get; init; }

    /// <summary>The Slack channel to answer in.</summary>
    public string? SlackChannel { get; init; }

    /// <summary>The Slack thread to answer in.</summary>
    public string? SlackThreadTs { get; init; }

    /// <summary>The GitHub repository, <c>owner/name</c>.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>The GitHub issue or pull request to comment on.</summary>
    public int? GitHubIssue { get; init; }
}
