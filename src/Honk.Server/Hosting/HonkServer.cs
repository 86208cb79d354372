using System.Globalization;
using Honk.Hosting;
using Honk.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

        var section = builder.Configuration.GetSection("Honk");
        var settings = HonkHostSettings.Read(section);
        var state = HonkStateFolder.Open(settings.StateDirectory);

        // Sessions are composed like every other: from AddHonk() registrations, the request's model created per session.
        var honk = builder.Services.AddHonk(HonkOptionsOnly(section), o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d => d.AllowUnsandboxed = settings.AllowUnsandboxed)
            .AddSessionComposer();
        if (startup.ChatClientFactory is { } factory)
        {
            honk.WithModelFactory(new DelegateModelFactory(factory));
        }

        startup.ConfigureHonk?.Invoke(honk);

        // The database and keys live in the private state folder, which AddHonkDefaults() hides from every sandbox.
        builder.Services.AddHonkHosting(o =>
            {
                o.HostId = settings.HostId ?? HonkHostOptions.UniqueHostId();
                o.MaxConcurrency = settings.MaxConcurrency ?? 2;
            })
            .UseStateFolder(state.Path);
        // Campaign state beside the sessions', private like them (SQLite gives its -wal and -shm files the same mode).
        // With Honk:Campaigns:Broker and :Store, campaign jobs go to honk worker processes instead (docs/campaigns.md).
        if (!Campaigns.HonkCampaignsConfiguration.TryAddOnRabbitMq(builder.Services, section.GetSection("Campaigns"), settings.Model))
        {
            Campaigns.HonkCampaignsServiceCollectionExtensions.AddHonkCampaigns(builder.Services, state.EnsurePrivateFile("campaigns.db"));
        }

        // The tokens decide which clients and channels exist: read once, before the options are bound for good below.
        var tokens = new HonkServerOptions();
        section.Bind(tokens);
        AddChatClients(builder.Services, tokens);
        AddPullRequests(builder.Services, tokens);
        builder.Services.AddHonkServer(o =>
        {
            section.Bind(o);
            o.LinkSigningKey ??= state.ReadOrCreateSecret("link-signing.key");
            o.Access.Approvers.Add(OperatorLogin);
            startup.Configure?.Invoke(o);
        });
        return builder;
    }

    /// <summary>With a bot token, Slack threads get answers; with a GitHub token, issues and pull requests do.</summary>
    private static void AddChatClients(IServiceCollection services, HonkServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SlackBotToken))
        {
            var slack = new Delivery.Slack.SlackClientOptions { BotToken = options.SlackBotToken, BaseUrl = options.SlackApiUrl ?? Delivery.Slack.SlackClientOptions.DefaultBaseUrl };
            services.TryAddSingleton(sp => new Delivery.Slack.SlackClient(new HttpClient(), slack, sp.GetService<TimeProvider>(), sp.GetService<ILogger<Delivery.Slack.SlackClient>>()));
        }

        if (!string.IsNullOrWhiteSpace(options.GitHubToken))
        {
            var github = new Delivery.GitHub.GitHubClientOptions { Token = options.GitHubToken, BaseUrl = options.GitHubApiUrl ?? Delivery.GitHub.GitHubClientOptions.DefaultBaseUrl };
            services.TryAddSingleton(sp => new Delivery.GitHub.GitHubClient(new HttpClient(), github, sp.GetService<TimeProvider>(), sp.GetService<ILogger<Delivery.GitHub.GitHubClient>>()));
        }
    }

    /// <summary>
    /// With a GitHub token, sessions asking for a pull request get the <c>pr</c> channel (through the effects ledger, with
    /// its reality check), and with <c>PullRequests:Deliver</c> every session the server starts asks for one.
    /// </summary>
    private static void AddPullRequests(IServiceCollection services, HonkServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.GitHubToken))
        {
            return;
        }

        services.TryAddSingleton(sp =>
        {
            var server = sp.GetRequiredService<IOptions<HonkServerOptions>>().Value;
            return new HostPullRequestChannels(sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<Delivery.GitHub.GitHubClient>(), server.PullRequests, server.PublicBaseUrl);
        });
        services.AddSingleton<ISessionContributor>(sp => sp.GetRequiredService<HostPullRequestChannels>());
        services.AddSingleton<ISessionContributor>(sp => new PullRequestMergePreparation(sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<Delivery.GitHub.GitHubClient>()));
        services.AddOptions<SessionComposerOptions>().Configure<IServiceProvider>((o, sp) => o.DeliveryVerifiers[Delivery.GitHub.GitHubPullRequestChannel.ChannelName] = sp.GetRequiredService<HostPullRequestChannels>());
        services.TryAddSingleton<ISessionGateway>(sp => new HostingSessionGateway(sp.GetRequiredService<HonkHost>())
        {
            // Follow-ups and fix rounds carry their parent's delivery already.
            ConfigureRequest = (_, request) => sp.GetRequiredService<IOptions<HonkServerOptions>>().Value.PullRequests.Deliver && request.ParentSessionId is null
                ? request with { Delivery = [Tasks.TaskDelivery.PullRequest] }
                : request,
        });
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
            app.MapHonk();
            try
            {
                // Creates the store's schema (a damaged database stops here), then the runner and the endpoints.
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                throw new InvalidOperationException(string.Join(" ", ex.Failures), ex);
            }

            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? app.Urls.First();
            var login = app.Services.GetRequiredService<ServerRuntime>().Links.CreateLoginToken(OperatorLogin, TimeSpan.FromDays(1));
            var host = app.Services.GetRequiredService<HonkHost>().Options;
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Honk is listening on {url}\nState: {app.Services.GetRequiredService<HonkStateFolder>().Path} (host {host.HostId})\nReview page (valid 24 h): {url}/review/login?t={Uri.EscapeDataString(login)}")).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? app.Urls;
            if (PublicAddressCheck.Warning(app.Services.GetRequiredService<IOptions<HonkServerOptions>>().Value.PublicBaseUrl, addresses) is { } warning)
            {
                await Console.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>The <c>Honk</c> keys that are <see cref="HonkOptions"/>' (the section also holds the server's and the host's own).</summary>
    private static IConfiguration HonkOptionsOnly(IConfigurationSection section)
    {
        var prefix = section.Path + ConfigurationPath.KeyDelimiter;
        var entries = section.AsEnumerable()
            .Where(e => e.Value is not null && e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Where(e => HonkOptions.ConfigurationKeys.Contains(e.Key[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0], StringComparer.OrdinalIgnoreCase));
        return new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
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
