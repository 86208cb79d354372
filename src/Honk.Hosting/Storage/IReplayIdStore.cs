namespace Honk.Hosting;

/// <summary>
/// Remembers ids of delivered webhooks (GitHub deliveries, Slack events and commands) until they expire, in the
/// store, so that a delivery replayed after the host restarts is still refused. The SQL stores implement it.
/// </summary>
public interface IReplayIdStore
{
    /// <summary>Records <paramref name="id"/> unless it is recorded and has not expired yet; atomic across hosts sharing the store.</summary>
    /// <param name="id">A provider-qualified id, e.g. <c>github:&lt;X-GitHub-Delivery&gt;</c>.</param>
    /// <param name="expiresAt">When the id may be forgotten.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the id is new (or its earlier record expired); <see langword="false"/> for a replay.</returns>
    Task<bool> TryRecordReplayIdAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
