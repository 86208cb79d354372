using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk.Server;

/// <summary>Registers the Honk server's services.</summary>
public static class HonkServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the server's services: options, signature verifiers, review links, replay protection and the background
    /// replies. Sessions go to the host of <c>AddHonkHosting()</c> (<see cref="HostingSessionGateway"/>) unless you
    /// register your own <see cref="ISessionGateway"/>; replay ids go to its store when the store keeps them
    /// (<see cref="IReplayIdStore"/>: both SQL stores do), in memory otherwise, unless you register an
    /// <see cref="IReplayGuard"/>. Register a <c>SlackClient</c> / <c>GitHubClient</c> to answer in Slack threads and
    /// GitHub comments.
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
        services.TryAddSingleton<ISessionGateway>(sp => sp.GetService<HonkHost>() is { } host
            ? new HostingSessionGateway(host)
            : throw new InvalidOperationException("Honk's endpoints have no sessions to serve: add services.AddHonkHosting().UseSqlite(path) (Honk.Hosting) beside AddHonk().AddHonkDefaults(), or register your own ISessionGateway."));

        services.TryAddSingleton<ISessionSteeringGateway>(sp => sp.GetService<HonkHost>() is { } steered
            ? new HostingSessionSteering(steered)
            : throw new InvalidOperationException("Steering needs the Honk host (AddHonkHosting()) or your own ISessionSteeringGateway."));

        // Replay ids in the store outlive a restart, so a delivery replayed after one is still refused.
        services.TryAddSingleton<IReplayGuard>(sp => sp.GetService<ISessionStore>() is IReplayIdStore ids
            ? new StoreReplayGuard(ids, sp.GetRequiredService<TimeProvider>())
            : new InMemoryReplayGuard(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ServerRuntime>();
        services.TryAddSingleton<ReplyScheduler>();
        services.TryAddSingleton(sp => new HostPlanning(
            sp,
            sp.GetRequiredService<ServerRuntime>(),
            sp.GetRequiredService<ISessionGateway>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<HostPlanning>>(),
            sp.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()));

        // Watches delivered pull requests (fix rounds, rebases) when a GitHubClient and the host are registered.
        services.TryAddSingleton<PullRequestWatchService>();
        services.AddHostedService(sp => sp.GetRequiredService<PullRequestWatchService>());

        // What the watcher sees goes live to the review page (the board) and to the session's Slack thread.
        services.TryAddSingleton<PullRequestCheckBoard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPullRequestChecksObserver, PullRequestCheckBoard>(sp => sp.GetRequiredService<PullRequestCheckBoard>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPullRequestChecksObserver, SlackPullRequestNotices>());

        // Slack answers are posted once each, found again by their metadata after a crash, and rescheduled at start.
        services.TryAddSingleton<SlackSessionMessages>();
        services.TryAddSingleton<SlackReplies>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackReplies>());

        // Every session composed in this container redacts the server's secrets (HostSecrets.From).
        services.AddSingleton<Transcripts.IHostSecretSource>(sp => Transcripts.HostSecrets.Of(() => sp.GetRequiredService<ServerRuntime>().Secrets));
        services.AddProblemDetails();
        return services;
    }
}
