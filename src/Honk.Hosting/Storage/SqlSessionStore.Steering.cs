using System.Data.Common;
using Honk.Steering;

namespace Honk.Hosting;

/// <summary>Steering: one row per message or plan decision, numbered per session, marked when the running host takes it.</summary>
public abstract partial class SqlSessionStore : ISteeringStore
{
    private const int SteeringInsertAttempts = 5;

    /// <inheritdoc />
    public async Task AddSteeringAsync(string sessionId, SteeringItem item, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentNullException.ThrowIfNull(item);
        var (kind, sender, text, approved) = item.Message is { } m
            ? ("message", m.Sender, m.Text, 0)
            : ("plan", item.Decision!.DecidedBy, item.Decision.Feedback, item.Decision.Approved ? 1 : 0);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The next position comes from the same statement; two senders racing on PostgreSQL may pick the same one,
            // and the loser (a primary-key conflict, nothing inserted) tries again with the next.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var inserted = await ExecuteAsync(
                        connection,
                        null,
                        "INSERT INTO honk_steering (session_id, position, kind, sender, text, approved, created_at) SELECT @id, COALESCE(MAX(position), 0) + 1, @kind, @sender, CAST(@text AS TEXT), @approved, @now FROM honk_steering WHERE session_id = @id ON CONFLICT (session_id, position) DO NOTHING",
                        cancellationToken,
                        ("id", sessionId),
                        ("kind", kind),
                        ("sender", sender),
                        ("text", text),
                        ("approved", approved),
                        ("now", Now())).ConfigureAwait(false);
                    if (inserted > 0)
                    {
                        return;
                    }
                }
                catch (DbException) when (attempt < SteeringInsertAttempts)
                {
                    // A serialisation failure under load: try again.
                }

                if (attempt >= SteeringInsertAttempts)
                {
                    throw new InvalidOperationException($"Could not store a steering message for session {sessionId} after {SteeringInsertAttempts} attempts: other senders kept taking the same position.");
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SteeringItem>> TakeSteeringAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await ReadRowsAsync(
                    connection,
                    transaction,
                    "SELECT position, kind, sender, text, approved FROM honk_steering WHERE session_id = @id AND taken_at IS NULL ORDER BY position",
                    reader => (Position: reader.GetInt64(0), Item: ReadSteering(reader)),
                    cancellationToken,
                    ("id", sessionId)).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    return [];
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE honk_steering SET taken_at = @now WHERE session_id = @id AND taken_at IS NULL AND position <= @last",
                    cancellationToken,
                    ("now", Now()),
                    ("id", sessionId),
                    ("last", rows[^1].Position)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return [.. rows.Select(r => r.Item)];
            }
        }
    }

    private static SteeringItem ReadSteering(DbDataReader reader)
    {
        var sender = reader.GetString(2);
        var text = reader.IsDBNull(3) ? null : reader.GetString(3);
        return reader.GetString(1) == "message"
            ? new SteeringItem(new SteeringMessage(sender, text ?? ""))
            : new SteeringItem(new PlanDecision(Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) != 0, sender, text));
    }
}
