using System.Globalization;
using Honk.Hosting;
using Honk.Models;
using Honk.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Honk.Server;

/// <summary>
/// One call to a running Honk host: SQLite store, background runner, local git, the endpoints and the review page,
/// on 127.0.0.1:5080 unless told otherwise. <c>honk serve</c> is <c>return await HonkServer.RunAsync(args, startup);</c>.
/// Its database and link-signing key live in a private state folder (<see cref="HonkStateFolder"/>), hidden from the
/// sessions' sandboxes.
/// </summary>
public static class HonkServer
{
    /// <summary>The login name <see cref="RunAsync(string[], HonkServerStartup, CancellationToken)"/> prints a review-page login link for; an approver.</summary>
    public const string OperatorLogin = "admin";

    /// <summary>Creates a web application builder with the host and the server registered. Settings come from configuration section <c>Honk</c>.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--urls</c>, <c>--Honk:Model=...</c>).</param>
    /// <param name="configure">Adjusts the server options after configuration is read.</param>
    /// <returns>The builder; call <c>Build()</c>, then <see cref="HonkEndpointRouteBuilderExtensions.MapHonk"/>.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<HonkServerOptions>? configure = null)
        => CreateBuilder(args, new HonkServerStartup { Configure = configure });

    /// <summary>Creates a web application builder with the host and the server registered. Settings come from configuration section <c>Honk</c>.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--urls</c>, <c>--Honk:Model=...</c>).</param>
    /// <param name="startup">The model factory, file settings and a last say over the options.</param>
    /// <returns>The builder; call <c>Build()</c>, then <see cref="HonkEndpointRouteBuilderExtensions.MapHonk"/>.</returns>
    /// <exception cref="InvalidOperationException">A setting is invalid or the state folder cannot be made private; the message says which.</exception>
    public static WebApplicationBuilder CreateBuilder(string[] args, HonkServerStartup startup)
    {
        ArgumentNullException.ThrowIfNull(startup);
        var builder = WebApplication.CreateSlimBuilder(args);
        if (startup.FileSettings.Count > 0)
        {
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = startup.FileSettings });
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        var settings = HonkHostSettings.Read(builder.Configuration.GetSection("Honk"));
        var state = HonkStateFolder.Open(settings.StateDirectory);
        builder.Services.AddSingleton(state);
        var database = state.EnsurePrivateFile("honk.db");
        builder.Services.TryAddSingleton<ISessionStore>(_ => new SqliteSessionStore(database));
        builder.Services.TryAddSingleton(sp => new HonkHost(sp.GetRequiredService<ISessionStore>(), new HonkHostOptions
        {
            HostId = settings.HostId ?? HonkHostOptions.UniqueHostId(),
            MaxConcurrency = settings.MaxConcurrency ?? 2,
        }));

        // The sessions' sandboxes never see the host's database and keys.
        var sandbox = new SandboxOptions();
        sandbox.HiddenPaths.Add(state.Path);
        builder.Services.TryAddSingleton<ISessionExecutor>(sp => new SessionComposer(new SessionComposerOptions
        {
            DefaultModel = settings.Model,
            ChatClientFactory = startup.ChatClientFactory,
            AllowUnsandboxed = settings.AllowUnsandboxed,
            Sandbox = sandbox,

            // The composer's own container: hand it this host's secrets (configuration, API keys, signing secrets).
            HostSecrets = { Transcripts.HostSecrets.Of(() => Transcripts.HostSecrets.From(sp)) },
        }));
        builder.Services.AddHostedService(sp => new SessionRunnerService(sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<ISessionExecutor>()));
        builder.Services.TryAddSingleton<ISessionGateway>(sp => new HostingSessionGateway(sp.GetRequiredService<HonkHost>()));

        // Replay ids go to the store, so a delivery replayed after a restart is still refused.
        builder.Services.TryAddSingleton<IReplayGuard>(sp => sp.GetRequiredService<ISessionStore>() is IReplayIdStore ids
            ? new StoreReplayGuard(ids, sp.GetService<TimeProvider>())
            : new InMemoryReplayGuard(sp.GetService<TimeProvider>()));
        builder.Services.AddHonkServer(o =>
        {
            builder.Configuration.GetSection("Honk").Bind(o);
            o.LinkSigningKey ??= state.ReadOrCreateSecret("link-signing.key");
            o.Access.Approvers.Add(OperatorLogin);
            startup.Configure?.Invoke(o);
        });
        return builder;
    }

    /// <summary>Runs the server until Ctrl+C, printing its URL and a login link for the review page.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
        => RunAsync(args, new HonkServerStartup(), cancellationToken);

    /// <summary>Runs the server until Ctrl+C, printing its URL and a login link for the review page.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="startup">The model factory and file settings.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>The process exit code.</returns>
    /// <exception cref="InvalidOperationException">A setting is invalid, the model cannot be built, or the database is damaged; the message says which.</exception>
    public static async Task<int> RunAsync(string[] args, HonkServerStartup startup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startup);
        var app = CreateBuilder(args, startup).Build();
        await using (app.ConfigureAwait(false))
        {
            CheckModel(app.Configuration, startup);
            await app.Services.GetRequiredService<ISessionStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            app.Services.GetRequiredService<HonkStateFolder>().TightenFiles();
            app.MapHonk();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? app.Urls.First();
            var login = app.Services.GetRequiredService<ServerRuntime>().Links.CreateLoginToken(OperatorLogin, TimeSpan.FromDays(1));
            var host = app.Services.GetRequiredService<HonkHost>().Options;
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Honk is listening on {url}\nState: {app.Services.GetRequiredService<HonkStateFolder>().Path} (host {host.HostId})\nReview page (valid 24 h): {url}/review/login?t={Uri.EscapeDataString(login)}")).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>Builds the default model once, so a missing API key or unknown provider stops the start, not every session.</summary>
    private static void CheckModel(IConfiguration configuration, HonkServerStartup startup)
    {
        var model = configuration["Honk:Model"];
        if (string.IsNullOrWhiteSpace(model))
        {
            return;
        }

        if (!ModelSpec.TryParse(model, out var spec))
        {
            throw new InvalidOperationException($"The model '{model}' (Honk:Model) is not valid: {ModelSpec.ValidForms}.");
        }

        if (spec.Provider == ModelSpec.ScriptProvider)
        {
            return;
        }

        if (startup.ChatClientFactory is null)
        {
            throw new InvalidOperationException($"No model factory for '{spec.Provider}' is configured on this host; start it with 'honk serve', or pass {nameof(HonkServerStartup)}.{nameof(HonkServerStartup.ChatClientFactory)}.");
        }

        using var client = startup.ChatClientFactory(spec);
    }
}
