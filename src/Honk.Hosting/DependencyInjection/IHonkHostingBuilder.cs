using Microsoft.Extensions.DependencyInjection;

namespace Honk.Hosting;

/// <summary>
/// Configures the host <see cref="HonkHostingServiceCollectionExtensions.AddHonkHosting"/> added: where its sessions
/// are stored (<c>UseSqlite</c>, <c>UseStateFolder</c>, <c>UsePostgreSql</c> from Honk.Hosting.PostgreSql).
/// </summary>
public interface IHonkHostingBuilder
{
    /// <summary>The service collection the host is registered in.</summary>
    IServiceCollection Services { get; }
}
