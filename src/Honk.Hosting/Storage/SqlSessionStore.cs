using System.Data.Common;
using System.Text.Json;

namespace Honk.Hosting;

/// <summary>
/// The session store over any ADO.NET provider that speaks the common SQL of SQLite and PostgreSQL. Backends supply
/// connections and, where their engine needs it, locking; the statements are shared so both behave the same.
/// </summary>
public abstract partial class SqlSessionStore : ISessionStore
{
    private const string Running = "running";
    private const string Queued = "queued";

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">The clock for timestamps and leases; the system clock when <see langword="null"/>.</param>
    protected SqlSessionStore(TimeProvider? timeProvider)
    {
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Opens a connection, ready to use.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection; the caller disposes it.</returns>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Appended to the claim's <c>SELECT</c> (PostgreSQL: <c>FOR UPDATE OF s SKIP LOCKED</c>).</summary>
    protected virtual string ClaimLockClause => "";

    /// <summary>Runs first in the claim's transaction; backends serialise claims here when they must.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The claim's transaction.</param>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the lock is held.</returns>
    protected virtual Task LockForClaimAsync(DbConnection connection, DbTransaction transaction, SessionClaim claim, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>Runs first in the migration's transaction, so hosts starting together migrate one at a time.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The migration's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the lock is held.</returns>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS honk_schema (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
                var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM honk_schema", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                for (var version = current; version < SqlSchema.Migrations.Count; version++)
                {
                    foreach (var statement in SqlSchema.Migrations[version])
                    {
                        await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                    }

                    await ExecuteAsync(connection, transaction, "INSERT INTO honk_schema (version) VALUES (@v)", cancellationToken, ("v", version + 1)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The schema version this store migrates to.</summary>
    public static int SchemaVersion => SqlSchema.Migrations.Count;

    /// <inheritdoc />
    public async Task<SessionRecord> CreateAsync(string id, SessionRequest request, string branch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(branch);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var inserted = await ExecuteAsync(
                connection,
                null,
                "INSERT INTO honk_sessions (id, repository, requester, request_json, branch, status, created_at, updated_at) VALUES (@id, @repo, @requester, @request, @branch, 'queued', @now, @now) ON CONFLICT (id) DO NOTHING",
                cancellationToken,
                ("id", id),
                ("repo", request.Repository),
                ("requester", request.Requester ?? request.Task.Requester),
                ("request", JsonSerializer.Serialize(request, HostingJson.Options)),
                ("branch", branch),
                ("now", now)).ConfigureAwait(false);
            if (inserted == 0)
            {
                throw new InvalidOperationException($"A session with id '{id}' already exists.");
            }
        }

        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<SessionRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadSessionAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SessionRecord>> ListAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Statuses.Count > 0)
        {
            var names = query.Statuses.Select((s, i) => ($"s{i}", (object?)s.ToWireName())).ToList();
            where.Add($"status IN ({string.Join(", ", names.Select(n => "@" + n.Item1))})");
            parameters.AddRange(names);
        }

        if (query.Repository is not null)
        {
            where.Add("repository = @repo");
            parameters.Add(("repo", query.Repository));
        }

        if (query.Requester is not null)
        {
            where.Add("requester = @requester");
            parameters.Add(("requester", query.Requester));
        }

        parameters.Add(("limit", Math.Clamp(query.Limit, 1, 10_000)));
        parameters.Add(("offset", Math.Max(0, query.Offset)));
        var sql = $"SELECT {SqlSchema.SessionColumns} FROM honk_sessions{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset";
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadSessionsAsync(connection, null, sql, cancellationToken, [.. parameters]).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<SessionRecord?> ClaimNextAsync(SessionClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(claim.HostId);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockForClaimAsync(connection, transaction, claim, cancellationToken).ConfigureAwait(false);
                var serial = claim.SerializePerRepository
                    ? " AND NOT EXISTS (SELECT 1 FROM honk_sessions r WHERE r.repository = s.repository AND r.id <> s.id AND r.status = 'running' AND r.lease_expires_at >= @now)"
                    : "";
                var id = await ScalarAsync(
                    connection,
                    transaction,
                    $"SELECT s.id FROM honk_sessions s WHERE (s.status = 'queued' OR (s.status = 'running' AND s.lease_expires_at < @now)){serial} ORDER BY s.created_at, s.id LIMIT 1{ClaimLockClause}",
                    cancellationToken,
                    ("now", now)).ConfigureAwait(false) as string;
                if (id is null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE honk_sessions SET status = 'running', lease_owner = @host, lease_expires_at = @expires, attempts = attempts + 1, started_at = COALESCE(started_at, @now), updated_at = @now WHERE id = @id",
                    cancellationToken,
                    ("host", claim.HostId),
                    ("expires", now + (long)claim.LeaseDuration.TotalMilliseconds),
                    ("now", now),
                    ("id", id)).ConfigureAwait(false);
                var record = await ReadSessionAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return record;
            }
        }
    }

    /// <inheritdoc />
    public async Task<LeaseRenewal> RenewLeaseAsync(string id, string hostId, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var renewed = await ExecuteAsync(
                connection,
                null,
                "UPDATE honk_sessions SET lease_expires_at = @expires, updated_at = @now WHERE id = @id AND lease_owner = @host AND status = 'running'",
                cancellationToken,
                ("expires", now + (long)leaseDuration.TotalMilliseconds),
                ("now", now),
                ("id", id),
                ("host", hostId)).ConfigureAwait(false);
            if (renewed == 0)
            {
                return LeaseRenewal.Lost;
            }

            var cancel = await ScalarAsync(connection, null, "SELECT cancel_requested FROM honk_sessions WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
            return Convert.ToInt64(cancel, System.Globalization.CultureInfo.InvariantCulture) != 0 ? LeaseRenewal.CancelRequested : LeaseRenewal.Renewed;
        }
    }

    /// <inheritdoc />
    public async Task<int> ReleaseLeasesAsync(string hostId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(
                connection,
                null,
                "UPDATE honk_sessions SET lease_expires_at = 0, updated_at = @now WHERE lease_owner = @host AND status = 'running'",
                cancellationToken,
                ("now", Now()),
                ("host", hostId)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(string id, string hostId, SessionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(
                connection,
                null,
                "UPDATE honk_sessions SET status = @status, result_json = @result, completed_at = @now, updated_at = @now, lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @host AND status = 'running'",
                cancellationToken,
                ("status", result.Status.ToHostedStatus().ToWireName()),
                ("result", JsonSerializer.Serialize(result, HostingJson.Options)),
                ("now", now),
                ("id", id),
                ("host", hostId)).ConfigureAwait(false) > 0;
        }
    }

    /// <inheritdoc />
    public async Task<SessionRecord?> RequestCancelAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var cancelled = new SessionResult { SessionId = id, Status = SessionStatus.Cancelled, Message = "Cancelled before it started." };
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"UPDATE honk_sessions SET cancel_requested = 1, updated_at = @now WHERE id = @id AND status IN ('{Queued}', '{Running}')", cancellationToken, ("now", now), ("id", id)).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE honk_sessions SET status = 'cancelled', result_json = @result, completed_at = @now WHERE id = @id AND status = 'queued'",
                    cancellationToken,
                    ("result", JsonSerializer.Serialize(cancelled, HostingJson.Options)),
                    ("now", now),
                    ("id", id)).ConfigureAwait(false);
                var record = await ReadSessionAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return record;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> SetApprovalAsync(string id, SessionApproval approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(
                connection,
                null,
                "UPDATE honk_sessions SET approval_state = @state, approval_by = @by, approval_at = @at, approval_comment = @comment, updated_at = @now WHERE id = @id",
                cancellationToken,
                ("state", SqlRows.ApprovalName(approval.State)),
                ("by", approval.By),
                ("at", (approval.At ?? Time.GetUtcNow()).ToUnixTimeMilliseconds()),
                ("comment", approval.Comment),
                ("now", Now()),
                ("id", id)).ConfigureAwait(false) > 0;
        }
    }

    /// <summary>The current time in Unix milliseconds.</summary>
    /// <returns>The time.</returns>
    protected long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<SessionRecord?> ReadSessionAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var rows = await ReadSessionsAsync(connection, transaction, $"SELECT {SqlSchema.SessionColumns} FROM honk_sessions WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Task<IReadOnlyList<SessionRecord>> ReadSessionsAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        => ReadRowsAsync(connection, transaction, sql, SqlRows.ReadSession, cancellationToken, parameters);

    /// <summary>Runs a query and maps every row; the one read loop of the store.</summary>
    private static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = SqlRows.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }

                return rows;
            }
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = SqlRows.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = SqlRows.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }
}
