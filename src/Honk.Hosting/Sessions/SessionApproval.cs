namespace Honk.Hosting;

/// <summary>The review decision on a session, with who made it and when.</summary>
/// <param name="State">The decision.</param>
public sealed record SessionApproval(ApprovalState State)
{
    /// <summary>Nobody has decided yet.</summary>
    public static SessionApproval Pending { get; } = new(ApprovalState.Pending);

    /// <summary>Who decided (a Slack user id, a GitHub login).</summary>
    public string? By { get; init; }

    /// <summary>When they decided.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The reviewer's comment (required in practice for <see cref="ApprovalState.ChangesRequested"/>).</summary>
    public string? Comment { get; init; }
}
