namespace Honk.Server;

/// <summary>How Approve lands a session's branch.</summary>
public enum ApprovalMode
{
    /// <summary>A merge commit on the target branch (a fast-forward when the target has not moved).</summary>
    Merge,

    /// <summary>Fast-forward only: refused when the target branch has moved since the session started.</summary>
    FastForward,
}
