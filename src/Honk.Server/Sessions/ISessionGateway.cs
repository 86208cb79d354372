namespace Honk.Server;

/// <summary>
/// The server's view of the host: everything the endpoints and the review page need, and nothing more.
/// Honk.Hosting implements it over its durable store and runner; tests implement it in memory.
/// </summary>
public interface ISessionGateway
{
    /// <summary>Queues a session.</summary>
    /// <param name="submission">What to run and for whom.</param>
    /// <param name="cancellationToken">Cancels the call (not the session).</param>
    /// <returns>The queued session.</returns>
    ValueTask<SessionView> SubmitAsync(SessionSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Lists the newest sessions first.</summary>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sessions.</returns>
    ValueTask<IReadOnlyList<SessionView>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Finds one session.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session, or null when there is none with that id.</returns>
    ValueTask<SessionView?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Reads a session's events with a sequence greater than <paramref name="afterSequence"/>, following new ones until the session completes.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="afterSequence">The last sequence the reader already has (0 for all).</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The events in order.</returns>
    IAsyncEnumerable<AgentEvent> ReadEventsAsync(string sessionId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Asks a queued or running session to stop.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the session does not exist or has already completed.</returns>
    ValueTask<bool> CancelAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The session's change as a unified diff against its base (empty when it changed nothing).</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The diff, or null when it is not (or no longer) available.</returns>
    ValueTask<string?> GetDiffAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Runs a side effect at most once per (session, key), recording it before and after in the host's effects ledger.</summary>
    /// <param name="sessionId">The session the effect belongs to.</param>
    /// <param name="effectKey">The effect's name, e.g. <c>approve</c>.</param>
    /// <param name="effect">The effect; returns what it did.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded outcome; <see cref="EffectOutcome.AlreadyDone"/> when it had already happened.</returns>
    ValueTask<EffectOutcome> RunEffectOnceAsync(string sessionId, string effectKey, Func<CancellationToken, ValueTask<string>> effect, CancellationToken cancellationToken = default);

    /// <summary>Reads the recorded outcome of an effect without running anything.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="effectKey">The effect's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded outcome, or null when the effect has not happened.</returns>
    ValueTask<EffectOutcome?> GetEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default);
}
