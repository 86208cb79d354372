namespace Honk.Hosting;

/// <summary>
/// The durable record of sessions, their events and their side effects. SQLite (<see cref="SqliteSessionStore"/>) is
/// the default; PostgreSQL (in <c>Honk.Hosting.PostgreSql</c>) lets several hosts share one database.
/// </summary>
/// <remarks>
/// Every write is atomic; the lease (owner and expiry) fences a running session to one host at a time. Timestamps come
/// from the store's <see cref="TimeProvider"/>.
/// </remarks>
public interface ISessionStore
{
    /// <summary>Creates or migrates the schema. Idempotent; safe when several hosts start at once.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a queued session.</summary>
    /// <param name="id">The new session's id.</param>
    /// <param name="request">What to run.</param>
    /// <param name="branch">The branch the change will be delivered to.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="InvalidOperationException">A session with this id exists.</exception>
    Task<SessionRecord> CreateAsync(string id, SessionRequest request, string branch, CancellationToken cancellationToken = default);

    /// <summary>Reads one session.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when there is none.</returns>
    Task<SessionRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists sessions, newest first.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<SessionRecord>> ListAsync(SessionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stores one event under (<see cref="AgentEvent.SessionId"/>, <see cref="AgentEvent.Sequence"/>).</summary>
    /// <param name="agentEvent">The event, serialized with <c>TranscriptJson</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when an event with that sequence was already stored (then nothing changes).</returns>
    Task<bool> AppendEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads a session's events after a sequence number, in order (for resuming an event stream).</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="afterSequence">Only events with a greater sequence; 0 for all.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<AgentEvent>> ReadEventsAsync(string sessionId, long afterSequence = 0, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest runnable session: a queued one, or a running one whose lease ran out (its host died). The
    /// claimed session is running, leased to <see cref="SessionClaim.HostId"/>, with one more attempt.
    /// </summary>
    /// <param name="claim">Who claims and for how long.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed session, or <see langword="null"/> when none is runnable.</returns>
    Task<SessionRecord?> ClaimNextAsync(SessionClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease the host holds.</summary>
    /// <param name="id">The session.</param>
    /// <param name="hostId">The host.</param>
    /// <param name="leaseDuration">The new lease length from now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether the lease is still this host's, and whether cancellation was asked for.</returns>
    Task<LeaseRenewal> RenewLeaseAsync(string id, string hostId, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every session this host was running claimable at once (its lease expires now). A host calls it when it
    /// starts, to recover what it was running before a crash without waiting for the leases to run out.
    /// </summary>
    /// <param name="hostId">The host.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many sessions were released.</returns>
    Task<int> ReleaseLeasesAsync(string hostId, CancellationToken cancellationToken = default);

    /// <summary>Records a session's end, if the host still holds its lease.</summary>
    /// <param name="id">The session.</param>
    /// <param name="hostId">The host.</param>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the lease was lost (nothing changes).</returns>
    Task<bool> CompleteAsync(string id, string hostId, SessionResult result, CancellationToken cancellationToken = default);

    /// <summary>Asks for a session to be cancelled: a queued one is cancelled at once; a running one is flagged for its host.</summary>
    /// <param name="id">The session.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The record after the change, or <see langword="null"/> when there is none.</returns>
    Task<SessionRecord?> RequestCancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records a review decision.</summary>
    /// <param name="id">The session.</param>
    /// <param name="approval">The decision, who and when.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when there is no such session.</returns>
    Task<bool> SetApprovalAsync(string id, SessionApproval approval, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an effect's idempotency key before the effect happens. Call it, then do the effect, then
    /// <see cref="CompleteEffectAsync"/>.
    /// </summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="effectKey">The key, unique within the session.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>
    /// <see langword="true"/> when the key was new, or the earlier attempt failed (it is begun again);
    /// <see langword="false"/> when the effect is already begun or succeeded: read it with <see cref="GetEffectAsync"/>.
    /// </returns>
    Task<bool> TryBeginEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default);

    /// <summary>Records an effect's outcome.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="effectKey">The key.</param>
    /// <param name="succeeded">Whether it happened.</param>
    /// <param name="outcomeJson">The outcome as JSON.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the outcome is stored.</returns>
    Task CompleteEffectAsync(string sessionId, string effectKey, bool succeeded, string? outcomeJson, CancellationToken cancellationToken = default);

    /// <summary>Reads one effect.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="effectKey">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The effect, or <see langword="null"/> when it was never begun.</returns>
    Task<EffectRecord?> GetEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default);

    /// <summary>Reads every effect of a session.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The effects, by key.</returns>
    Task<IReadOnlyList<EffectRecord>> ListEffectsAsync(string sessionId, CancellationToken cancellationToken = default);
}
