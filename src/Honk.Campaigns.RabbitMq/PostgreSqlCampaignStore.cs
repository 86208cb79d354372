using Npgsql;

namespace Honk.Campaigns.RabbitMq;

/// <summary>The campaign store on PostgreSQL, shared by the controller and every worker.</summary>
public static class PostgreSqlCampaignStore
{
    /// <summary>Creates the store over a connection string.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <returns>The store, and the data source to dispose when done.</returns>
    public static (CampaignStore Store, NpgsqlDataSource DataSource) Create(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return (new CampaignStore(async ct => await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false), timeProvider), dataSource);
    }
}
