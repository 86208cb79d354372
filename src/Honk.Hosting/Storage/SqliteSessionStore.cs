using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Honk.Hosting;

/// <summary>
/// The default session store: one SQLite file (WAL mode), zero setup. Safe for one host process; use the PostgreSQL
/// store for several hosts.
/// </summary>
public sealed class SqliteSessionStore : SqlSessionStore
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private const int CorruptCode = 11;
    private const int NotADatabaseCode = 26;

    private readonly string _connectionString;

    /// <summary>Creates the store over a database file (created when missing).</summary>
    /// <param name="path">The database file.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public SqliteSessionStore(string path, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _ = NativeLibrary.Value;
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // A damaged file is otherwise accepted: sessions are queued into it and never finish. Check it once, here.
                var problems = await QuickCheckAsync(connection, cancellationToken).ConfigureAwait(false);
                if (problems is not null)
                {
                    throw Damaged(problems, null);
                }

                // WAL is a property of the file: set once, it holds for every later connection.
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "PRAGMA journal_mode=WAL";
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is CorruptCode or NotADatabaseCode)
        {
            throw Damaged(ex.Message, ex);
        }
    }

    /// <summary>Runs <c>PRAGMA quick_check</c>; null when the file is sound, otherwise what SQLite found (first lines).</summary>
    private static async Task<string?> QuickCheckAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA quick_check(5)";
            var lines = new List<string>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            return lines is ["ok"] ? null : string.Join("; ", lines);
        }
    }

    private InvalidOperationException Damaged(string detail, Exception? inner) => new(
        $"The session database '{Path}' is damaged (SQLite quick_check: {detail}). Honk will not start on it: restore it from a backup, "
        + "or move it aside to start with an empty store (sessions and their history in it are then not visible).",
        inner);

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "PRAGMA busy_timeout=30000";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
