namespace Honk.Hosting;

/// <summary>How a host asks the store for its next session.</summary>
/// <param name="HostId">The claiming host (stable across its restarts).</param>
/// <param name="LeaseDuration">How long the lease lasts unless renewed.</param>
public sealed record SessionClaim(string HostId, TimeSpan LeaseDuration)
{
    /// <summary>When set, a session is not claimed while another session on the same repository runs (on any host).</summary>
    public bool SerializePerRepository { get; init; }
}
