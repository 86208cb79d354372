namespace Honk.Hosting;

/// <summary>Replay ids: one row per id with its expiry; a replay is an id whose row has not expired.</summary>
public abstract partial class SqlSessionStore : IReplayIdStore
{
    private long _replayRecords;

    /// <inheritdoc />
    public async Task<bool> TryRecordReplayIdAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Sweep now and then, so a flood of distinct ids cannot grow the table without bound.
            if (Interlocked.Increment(ref _replayRecords) % 256 == 1)
            {
                await ExecuteAsync(connection, null, "DELETE FROM honk_replay_ids WHERE expires_at <= @now", cancellationToken, ("now", now)).ConfigureAwait(false);
            }

            // One statement, so two hosts racing on the same id cannot both see it as new: the insert wins, or the
            // update of an expired row wins; a live row is left alone and nothing is counted.
            return await ExecuteAsync(
                connection,
                null,
                "INSERT INTO honk_replay_ids (id, expires_at) VALUES (@id, @expires) ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE honk_replay_ids.expires_at <= @now",
                cancellationToken,
                ("id", id),
                ("expires", expiresAt.ToUnixTimeMilliseconds()),
                ("now", now)).ConfigureAwait(false) > 0;
        }
    }
}
