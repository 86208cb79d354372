namespace Honk;

/// <summary>What a session asks of a <see cref="WorkspaceProvider"/>.</summary>
/// <param name="Repository">A local path or a git URL (<c>file://</c>, <c>git://</c>, <c>https://</c>, ssh).</param>
/// <param name="SessionId">The session's id, used in branch and folder names.</param>
public sealed record WorkspaceRequest(string Repository, string SessionId)
{
    /// <summary>The branch to create; by default <c>honk/&lt;slug&gt;-&lt;short-id&gt;</c>.</summary>
    public string? BranchName { get; init; }

    /// <summary>The ref to start from; by default the repository's HEAD.</summary>
    public string? BaseRef { get; init; }

    /// <summary>A short human label (the task title) for the branch slug.</summary>
    public string? Label { get; init; }
}
