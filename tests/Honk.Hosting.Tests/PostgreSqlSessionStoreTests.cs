using Honk.Hosting.PostgreSql;
using Npgsql;

namespace Honk.Hosting.Tests;

/// <summary>Runs when <c>HONK_TEST_POSTGRES</c> holds an Npgsql connection string; each test gets a fresh schema.</summary>
public sealed class PostgreSqlSessionStoreTests : StoreContractTests
{
    private readonly string _schema = "honk_test_" + Guid.NewGuid().ToString("N")[..12];
    private PostgreSqlSessionStore? _store;

    internal static string? ConnectionString => Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");

    protected override Task<ISessionStore> CreateStoreAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Assert.Skip("Set HONK_TEST_POSTGRES to an Npgsql connection string to run the PostgreSQL store tests.");
        }

        _store = new PostgreSqlSessionStore(ConnectionString, _schema, Time);
        return Task.FromResult<ISessionStore>(_store);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_store is null)
        {
            return;
        }

        await _store.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
