using System.Data.Common;
using Npgsql;

namespace Honk.Hosting.PostgreSql;

/// <summary>
/// The session store on PostgreSQL, for several hosts sharing one database: claims take the next session with
/// <c>FOR UPDATE SKIP LOCKED</c>, so hosts never claim the same one, and migrations run under an advisory lock.
/// </summary>
public sealed class PostgreSqlSessionStore : SqlSessionStore, IAsyncDisposable
{
    private const long MigrationLockKey = 0x484F4E4B_0001;
    private const long ClaimLockKey = 0x484F4E4B_0002;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string? _schema;

    /// <summary>Creates the store.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding Honk's tables (created when missing); the connection's default when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public PostgreSqlSessionStore(string connectionString, string? schema = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (schema is not null)
        {
            if (schema.Length == 0 || !schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException("The schema name may hold only ASCII letters, digits and '_'.", nameof(schema));
            }

            builder.ConnectionStringBuilder.SearchPath = schema;
        }

        _schema = schema;
        _dataSource = builder.Build();
    }

    /// <inheritdoc />
    protected override string ClaimLockClause => " FOR UPDATE OF s SKIP LOCKED";

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_schema is not null)
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, null, $"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"", cancellationToken).ConfigureAwait(false);
            }
        }

        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        => ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);

    /// <inheritdoc />
    protected override Task LockForClaimAsync(DbConnection connection, DbTransaction transaction, SessionClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);

        // SKIP LOCKED alone cannot see another host's uncommitted claim on the same repository; serialising the
        // claims (they are short) makes the per-repository check exact.
        return claim.SerializePerRepository
            ? ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({ClaimLockKey})", cancellationToken)
            : Task.CompletedTask;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // Fixed text; the schema name is checked in the constructor.
            command.CommandText = sql;
#pragma warning restore CA2100
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
