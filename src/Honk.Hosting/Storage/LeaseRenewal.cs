namespace Honk.Hosting;

/// <summary>What renewing a lease found.</summary>
public enum LeaseRenewal
{
    /// <summary>The lease is extended; go on.</summary>
    Renewed,

    /// <summary>The lease is extended, but someone asked to cancel the session.</summary>
    CancelRequested,

    /// <summary>This host no longer holds the lease (it ran out and another host took the session): stop at once.</summary>
    Lost,
}
