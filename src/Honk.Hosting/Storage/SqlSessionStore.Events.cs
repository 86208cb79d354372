using Honk.Transcripts;

namespace Honk.Hosting;

/// <summary>Events and the effects ledger.</summary>
public abstract partial class SqlSessionStore
{
    /// <inheritdoc />
    public async Task<bool> AppendEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentEvent.SessionId);
        var json = TranscriptJson.Serialize(agentEvent);
        var type = SqlRows.EventType(json);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO honk_events (session_id, sequence, type, timestamp, json) VALUES (@id, @seq, @type, @ts, @json) ON CONFLICT (session_id, sequence) DO NOTHING",
                    cancellationToken,
                    ("id", agentEvent.SessionId),
                    ("seq", agentEvent.Sequence),
                    ("type", type),
                    ("ts", agentEvent.Timestamp.ToUnixTimeMilliseconds()),
                    ("json", json)).ConfigureAwait(false);
                if (inserted > 0)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "UPDATE honk_sessions SET last_sequence = @seq WHERE id = @id AND last_sequence < @seq",
                        cancellationToken,
                        ("seq", agentEvent.Sequence),
                        ("id", agentEvent.SessionId)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted > 0;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentEvent>> ReadEventsAsync(string sessionId, long afterSequence = 0, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadRowsAsync(
                connection,
                null,
                "SELECT json FROM honk_events WHERE session_id = @id AND sequence > @after ORDER BY sequence LIMIT @limit",
                reader => TranscriptJson.Deserialize(reader.GetString(0)),
                cancellationToken,
                ("id", sessionId), ("after", afterSequence), ("limit", Math.Clamp(limit, 1, 100_000))).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryBeginEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(effectKey);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var inserted = await ExecuteAsync(
                connection,
                null,
                "INSERT INTO honk_effects (session_id, effect_key, state, began_at, attempts) VALUES (@id, @key, 'begun', @now, 1) ON CONFLICT (session_id, effect_key) DO NOTHING",
                cancellationToken,
                ("id", sessionId),
                ("key", effectKey),
                ("now", now)).ConfigureAwait(false);
            if (inserted > 0)
            {
                return true;
            }

            // Only a failed attempt may begin again; a begun one must first be checked against reality.
            return await ExecuteAsync(
                connection,
                null,
                "UPDATE honk_effects SET state = 'begun', began_at = @now, completed_at = NULL, outcome_json = NULL, attempts = attempts + 1 WHERE session_id = @id AND effect_key = @key AND state = 'failed'",
                cancellationToken,
                ("now", now),
                ("id", sessionId),
                ("key", effectKey)).ConfigureAwait(false) > 0;
        }
    }

    /// <inheritdoc />
    public async Task CompleteEffectAsync(string sessionId, string effectKey, bool succeeded, string? outcomeJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(effectKey);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(
                connection,
                null,
                "INSERT INTO honk_effects (session_id, effect_key, state, began_at, completed_at, attempts, outcome_json) VALUES (@id, @key, @state, @now, @now, 1, @outcome) "
                + "ON CONFLICT (session_id, effect_key) DO UPDATE SET state = excluded.state, completed_at = excluded.completed_at, outcome_json = excluded.outcome_json",
                cancellationToken,
                ("id", sessionId),
                ("key", effectKey),
                ("state", succeeded ? "succeeded" : "failed"),
                ("now", now),
                ("outcome", outcomeJson)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<EffectRecord?> GetEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default)
    {
        var effects = await ReadEffectsAsync("SELECT session_id, effect_key, state, began_at, completed_at, attempts, outcome_json FROM honk_effects WHERE session_id = @id AND effect_key = @key", cancellationToken, ("id", sessionId), ("key", effectKey)).ConfigureAwait(false);
        return effects.Count == 0 ? null : effects[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EffectRecord>> ListEffectsAsync(string sessionId, CancellationToken cancellationToken = default)
        => ReadEffectsAsync("SELECT session_id, effect_key, state, began_at, completed_at, attempts, outcome_json FROM honk_effects WHERE session_id = @id ORDER BY effect_key", cancellationToken, ("id", sessionId));

    private async Task<IReadOnlyList<EffectRecord>> ReadEffectsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadRowsAsync(connection, null, sql, SqlRows.ReadEffect, cancellationToken, parameters).ConfigureAwait(false);
        }
    }
}
