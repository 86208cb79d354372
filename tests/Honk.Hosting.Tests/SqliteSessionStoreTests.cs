using Honk.Testing;

namespace Honk.Hosting.Tests;

public sealed class SqliteSessionStoreTests : StoreContractTests
{
    private readonly TemporaryDirectory _directory = new("honk-store");

    protected override Task<ISessionStore> CreateStoreAsync()
        => Task.FromResult<ISessionStore>(new SqliteSessionStore(Path.Combine(_directory.Path, "db", "honk.db"), Time));

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalAndRecordsSchemaVersion()
    {
        var path = ((SqliteSessionStore)Store).Path;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync(Ct));
        using var version = connection.CreateCommand();
        version.CommandText = "SELECT MAX(version) FROM honk_schema";
        Assert.Equal((long)SqlSessionStore.SchemaVersion, (long)(await version.ExecuteScalarAsync(Ct))!);
    }
}
