namespace Honk.Hosting;

/// <summary>A session as the store holds it: the request, where it is in its life, and its result once it has ended.</summary>
public sealed record SessionRecord
{
    /// <summary>The session's id (<c>yyyyMMdd-HHmmss-xxxxxx</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    public required SessionRequest Request { get; init; }

    /// <summary>The branch the change is delivered to, fixed at submission so every attempt targets the same one.</summary>
    public required string Branch { get; init; }

    /// <summary>Where the session is in its life.</summary>
    public HostedSessionStatus Status { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When its first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many times a host has claimed it (more than 1 after a crash or restart).</summary>
    public int Attempts { get; init; }

    /// <summary>The result, once the session has ended.</summary>
    public SessionResult? Result { get; init; }

    /// <summary>The sequence number of the last stored event (0 when none).</summary>
    public long LastSequence { get; init; }

    /// <summary>The host that holds the lease while running.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease runs out unless renewed.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>True once someone asked to cancel it.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>The review decision.</summary>
    public SessionApproval Approval { get; init; } = SessionApproval.Pending;
}
