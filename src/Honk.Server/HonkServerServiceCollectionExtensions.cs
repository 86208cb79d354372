using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk.Server;

/// <summary>Registers the Honk server's services.</summary>
public static class HonkServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the server's services: options, signature verifiers, review links, replay protection (in memory unless an
    /// <see cref="IReplayGuard"/> is registered) and the background replies. An <see cref="ISessionGateway"/> must be registered
    /// (Honk.Hosting's, or your own). Register a <c>SlackClient</c> / <c>GitHubClient</c> to answer in Slack threads and GitHub comments.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddHonkServer(this IServiceCollection services, Action<HonkServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HonkServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReplayGuard>(sp => new InMemoryReplayGuard(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ServerRuntime>();
        services.TryAddSingleton<ReplyScheduler>();

        // Every session composed in this container redacts the server's secrets (HostSecrets.From).
        services.AddSingleton<Transcripts.IHostSecretSource>(sp => Transcripts.HostSecrets.Of(() => sp.GetRequiredService<ServerRuntime>().Secrets));
        services.AddProblemDetails();
        return services;
    }
}
