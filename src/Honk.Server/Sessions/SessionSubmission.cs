namespace Honk.Server;

/// <summary>A request to run one session.</summary>
/// <param name="Repository">The repository: a local path or a git URL.</param>
/// <param name="Task">The task.</param>
/// <param name="Source">Who asked and where to answer.</param>
public sealed record SessionSubmission(string Repository, CodingTask Task, SessionSource Source)
{
    /// <summary>The branch or commit to start from; the repository's default branch when null.</summary>
    public string? BaseRef { get; init; }

    /// <summary>The session this one follows up (a "request changes" round).</summary>
    public string? ParentSessionId { get; init; }
}
