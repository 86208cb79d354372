namespace Honk.Hosting;

/// <summary>A person's decision on a finished session's change.</summary>
public enum ApprovalState
{
    /// <summary>Nobody has decided yet.</summary>
    Pending,

    /// <summary>Approved: the change may be merged.</summary>
    Approved,

    /// <summary>A reviewer asked for changes (with a comment).</summary>
    ChangesRequested,
}
