using Honk.Campaigns;
using Honk.Campaigns.RabbitMq;
using Honk.Hosting;
using Honk.Hosting.PostgreSql;

namespace Honk.Cli.Campaigns;

/// <summary>The campaign store and the session store (events, effects ledger) in one PostgreSQL database.</summary>
internal static class PostgresStores
{
    public static (CampaignStore Campaigns, ISessionStore Sessions, IAsyncDisposable Owned) Open(string connectionString)
    {
        try
        {
            var (campaigns, dataSource) = PostgreSqlCampaignStore.Create(connectionString);
            var sessions = new PostgreSqlSessionStore(connectionString);
            return (campaigns, sessions, new Both(dataSource, sessions));
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--store is not a valid PostgreSQL connection string (Host=…;Username=…;Password=…;Database=…): {ex.Message}");
        }
    }

    private sealed class Both(IAsyncDisposable first, IAsyncDisposable second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await first.DisposeAsync().ConfigureAwait(false);
            await second.DisposeAsync().ConfigureAwait(false);
        }
    }
}
