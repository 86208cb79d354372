namespace Honk.Workspaces.Git.Internal;

/// <summary>Everything acquire learned about a new worktree, handed to <see cref="GitWorkspace"/>.</summary>
internal sealed record GitWorkspaceState
{
    /// <summary>The worktree's resolved root.</summary>
    public required string RootPath { get; init; }

    /// <summary>The worktree's admin folder inside the mirror (<c>worktrees/&lt;name&gt;</c>), holding its index.</summary>
    public required string AdminPath { get; init; }

    /// <summary>The owner file beside the worktree folder.</summary>
    public required string OwnerFile { get; init; }

    /// <summary>The session branch.</summary>
    public required string Branch { get; init; }

    /// <summary>The base commit.</summary>
    public required string BaseCommit { get; init; }

    /// <summary>The source's resolved path or URL.</summary>
    public required string Source { get; init; }

    /// <summary>The mirror.</summary>
    public required string MirrorPath { get; init; }

    /// <summary>Whether a local source had uncommitted changes.</summary>
    public bool SourceHasUncommittedChanges { get; init; }
}
