namespace Honk.Server;

/// <summary>Remembers webhook delivery and event ids for a while, so that a replayed delivery is refused.</summary>
public interface IReplayGuard
{
    /// <summary>Records <paramref name="key"/> unless it was recorded before and has not expired.</summary>
    /// <param name="key">A provider-qualified id, e.g. <c>github:&lt;X-GitHub-Delivery&gt;</c>.</param>
    /// <param name="timeToLive">How long the id is remembered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the key is new (go ahead); <see langword="false"/> for a replay.</returns>
    ValueTask<bool> TryRecordAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}
