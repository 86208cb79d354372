using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>Adds the Honk host (durable sessions, the background runner) to an app's container.</summary>
public static class HonkHostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the host: <see cref="HonkHost"/> (submit, watch, cancel), the background <see cref="SessionRunnerService"/>
    /// and, unless an <see cref="ISessionExecutor"/> is registered, <see cref="SessionComposer"/>, which composes every
    /// hosted session from this container's <c>AddHonk()</c> registrations (so add <c>AddHonk()…AddHonkDefaults()</c>
    /// too). Choose the store next: <c>.UseSqlite(path)</c>, <c>.UseStateFolder()</c> or <c>.UsePostgreSql(cs)</c>. The
    /// store's schema is created when the app starts, before the runner and the endpoints. Calling it twice is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">The host's settings (host id, concurrency, leases).</param>
    /// <returns>The hosting builder.</returns>
    public static IHonkHostingBuilder AddHonkHosting(this IServiceCollection services, Action<HonkHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HonkHostOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(HostingMarker)))
        {
            services.AddSingleton<HostingMarker>();
            services.AddOptions<SessionComposerOptions>();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(sp => new HonkHost(
                sp.GetService<ISessionStore>() ?? throw new InvalidOperationException("The Honk host has no session store: call AddHonkHosting().UseSqlite(path), .UseStateFolder() or .UsePostgreSql(connectionString)."),
                sp.GetRequiredService<IOptions<HonkHostOptions>>().Value,
                sp.GetService<TimeProvider>()));
            services.TryAddSingleton<ISessionExecutor>(sp => new SessionComposer(sp, sp.GetRequiredService<IOptions<SessionComposerOptions>>().Value));

            // In this order: the schema exists before the runner claims work and before the server takes requests.
            services.AddHostedService(sp => new StoreInitializer(sp.GetRequiredService<HonkHost>().Store, sp.GetService<HonkStateFolder>()));
            services.AddHostedService(sp => new SessionRunnerService(
                sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<ISessionExecutor>(), sp.GetService<ILogger<SessionRunnerService>>()));
        }

        return new HonkHostingBuilder(services);
    }

    /// <summary>Stores the sessions in one SQLite file (created when missing), for one host process.</summary>
    /// <param name="builder">The hosting builder.</param>
    /// <param name="path">The database file. Keep it out of the repositories sessions work on, or use <see cref="UseStateFolder"/>.</param>
    /// <returns>The same builder.</returns>
    public static IHonkHostingBuilder UseSqlite(this IHonkHostingBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => new SqliteSessionStore(full, sp.GetService<TimeProvider>())));
        return builder;
    }

    /// <summary>
    /// Keeps the host's state in a private folder (<see cref="HonkStateFolder"/>: <c>0700</c>, files <c>0600</c>, by
    /// default <c>$XDG_STATE_HOME/honk</c>): the SQLite database <c>honk.db</c> and keys such as the review links'. The
    /// folder is hidden from every session's sandbox (with <c>AddHonkDefaults()</c>), so an agent cannot read it.
    /// </summary>
    /// <param name="builder">The hosting builder.</param>
    /// <param name="path">The folder; the default when <see langword="null"/> or empty.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">The folder cannot be created or made private.</exception>
    public static IHonkHostingBuilder UseStateFolder(this IHonkHostingBuilder builder, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var state = HonkStateFolder.Open(path);
        var database = state.EnsurePrivateFile("honk.db");
        builder.Services.Replace(ServiceDescriptor.Singleton(state));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => new SqliteSessionStore(database, sp.GetService<TimeProvider>())));
        return builder;
    }

    /// <summary>Only one set of host services per container.</summary>
    private sealed class HostingMarker;

    private sealed class HonkHostingBuilder(IServiceCollection services) : IHonkHostingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
