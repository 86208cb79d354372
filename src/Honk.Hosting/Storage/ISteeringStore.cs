using Honk.Steering;

namespace Honk.Hosting;

/// <summary>
/// Steering kept in the store, so that a message or plan decision sent through any host reaches the session wherever
/// it runs: the host running it takes them at the session's turn boundaries. The SQL stores implement it.
/// </summary>
public interface ISteeringStore
{
    /// <summary>Adds a message or plan decision for a session, after everything sent to it before.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="item">What was sent.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is stored.</returns>
    Task AddSteeringAsync(string sessionId, SteeringItem item, CancellationToken cancellationToken = default);

    /// <summary>Takes what was sent to a session and not taken yet, oldest first; each item is taken once.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<SteeringItem>> TakeSteeringAsync(string sessionId, CancellationToken cancellationToken = default);
}

/// <summary>The feed of one session's steering from an <see cref="ISteeringStore"/>.</summary>
/// <param name="store">The store.</param>
/// <param name="sessionId">The session.</param>
internal sealed class StoreSteeringFeed(ISteeringStore store, string sessionId) : ISteeringFeed
{
    public Task<IReadOnlyList<SteeringItem>> TakeAsync(CancellationToken cancellationToken) => store.TakeSteeringAsync(sessionId, cancellationToken);
}
