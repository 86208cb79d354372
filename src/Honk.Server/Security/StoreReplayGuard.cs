using Honk.Hosting;

namespace Honk.Server;

/// <summary>An <see cref="IReplayGuard"/> that keeps the ids in the host's store, so a restart still refuses a replay.</summary>
public sealed class StoreReplayGuard : IReplayGuard
{
    private readonly IReplayIdStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the guard.</summary>
    /// <param name="store">The store that keeps the ids (the SQL session stores do).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public StoreReplayGuard(IReplayIdStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await _store.TryRecordReplayIdAsync(key, _timeProvider.GetUtcNow() + timeToLive, cancellationToken).ConfigureAwait(false);
    }
}
