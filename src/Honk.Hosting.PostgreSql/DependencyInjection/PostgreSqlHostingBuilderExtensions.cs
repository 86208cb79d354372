using Honk.Hosting;
using Honk.Hosting.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Honk.Hosting.PostgreSql's registration on <see cref="IHonkHostingBuilder"/>.</summary>
public static class PostgreSqlHostingBuilderExtensions
{
    /// <summary>
    /// Stores the sessions in PostgreSQL (<see cref="PostgreSqlSessionStore"/>), for several hosts sharing one database:
    /// give each host its own <see cref="HonkHostOptions.HostId"/> (the default is unique per process).
    /// </summary>
    /// <param name="builder">The hosting builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding Honk's tables (created when missing); the connection's default when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static IHonkHostingBuilder UsePostgreSql(this IHonkHostingBuilder builder, string connectionString, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => new PostgreSqlSessionStore(connectionString, schema, sp.GetService<TimeProvider>())));
        return builder;
    }
}
