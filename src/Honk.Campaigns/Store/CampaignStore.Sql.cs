using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Honk.Hosting;
using Microsoft.Data.Sqlite;

namespace Honk.Campaigns;

/// <summary>Commands, row mapping and the SQLite backend.</summary>
public sealed partial class CampaignStore
{
    private static readonly Lazy<bool> SqliteNative = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>
    /// The store in one SQLite file, for one machine. WAL mode is a property of the file, so it is set once by
    /// <see cref="InitializeAsync"/>; each connection only sets how long it waits for a writer.
    /// </summary>
    /// <param name="path">The database file; its folder is created when missing.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <returns>The store (call <see cref="InitializeAsync"/> before use).</returns>
    public static CampaignStore Sqlite(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _ = SqliteNative.Value;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new CampaignStore(
            async ct =>
            {
                var connection = new SqliteConnection(connectionString);
                try
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    await ExecuteAsync(connection, null, "PRAGMA busy_timeout=30000", ct).ConfigureAwait(false);
                    return connection;
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            timeProvider,
            ["PRAGMA journal_mode=WAL"]);
    }

    private async Task<int> UpdateAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var rows = new List<T>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(read(reader));
                    }

                    return rows;
                }
            }
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the store's own text; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static CampaignRecord ReadCampaign(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Spec = JsonSerializer.Deserialize<CampaignSpec>(reader.GetString(1), HostingJson.Options)!,
        Status = reader.GetString(2),
        Message = reader.IsDBNull(3) ? null : reader.GetString(3),
        ApprovedWave = Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
        Requested = reader.IsDBNull(5) ? null : reader.GetString(5),
        CreatedAt = Time(reader, 6)!.Value,
        UpdatedAt = Time(reader, 7)!.Value,
    };

    private static CampaignRepositoryRecord ReadRepository(DbDataReader reader) => new()
    {
        CampaignId = reader.GetString(0),
        Position = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
        Repository = reader.GetString(2),
        Wave = Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
        Status = reader.GetString(4),
        SessionId = reader.GetString(5),
        Branch = reader.GetString(6),
        Attempts = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
        CostUsd = reader.IsDBNull(8) ? 0 : decimal.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
        Turns = reader.IsDBNull(9) ? 0 : Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture),
        Message = reader.IsDBNull(10) ? null : reader.GetString(10),
        Worker = reader.IsDBNull(11) ? null : reader.GetString(11),
        StartedAt = Time(reader, 12),
        CompletedAt = Time(reader, 13),
    };

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
}
