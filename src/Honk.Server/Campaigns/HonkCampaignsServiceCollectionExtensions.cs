using Honk.Campaigns;
using Honk.Delivery.GitHub;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Honk.Server.Campaigns;

/// <summary>Registers the campaign controller in a Honk host.</summary>
public static class HonkCampaignsServiceCollectionExtensions
{
    /// <summary>
    /// Adds campaigns to the host: their state in a SQLite file (unless a <see cref="CampaignStore"/> is registered
    /// already, e.g. one on PostgreSQL), the controller that runs their repositories as the host's own sessions, and a
    /// hosted service that drives campaigns left running when the host last stopped. <c>MapHonk()</c> then maps
    /// <c>/api/campaigns…</c> and the campaign page under <c>/review/campaigns</c>.
    /// </summary>
    /// <param name="services">The service collection (with <c>AddHonkHosting()</c>).</param>
    /// <param name="databasePath">The SQLite file for campaign state.</param>
    /// <param name="configure">Adjusts the settings.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddHonkCampaigns(this IServiceCollection services, string databasePath, Action<HonkCampaignsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton(_ => CampaignStore.Sqlite(databasePath));
        return AddCampaignsCore(services, configure);
    }

    /// <summary>The controller, its settings and the start-up service, over whichever <see cref="CampaignStore"/> is registered.</summary>
    internal static IServiceCollection AddCampaignsCore(IServiceCollection services, Action<HonkCampaignsOptions>? configure)
    {
        var options = new HonkCampaignsOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new HostCampaigns(
            sp.GetRequiredService<CampaignStore>(),
            sp.GetRequiredService<HonkHost>(),
            sp.GetRequiredService<HonkCampaignsOptions>(),
            sp.GetRequiredService<ILogger<HostCampaigns>>()));
        services.AddHostedService<CampaignStartup>();

        // A campaign's pull requests: its own channel (campaign title and body, each target's repository), before the
        // host's; the reality check after a crash asks it first for campaign sessions, then whatever the host had.
        services.TryAddSingleton(sp => new CampaignPullRequestChannels(sp.GetRequiredService<CampaignStore>(), sp.GetService<GitHubClient>(), pr =>
        {
            var server = sp.GetRequiredService<IOptions<HonkServerOptions>>().Value;
            pr.Draft = server.PullRequests.Draft;
            pr.BaseBranch = server.PullRequests.BaseBranch;
            foreach (var label in server.PullRequests.Labels)
            {
                pr.Labels.Add(label);
            }

            pr.SessionUrlTemplate = server.PublicBaseUrl is { } url ? url.AbsoluteUri.TrimEnd('/') + "/review/{sessionId}" : null;
        }));
        services.AddSingleton<ISessionContributor>(sp => sp.GetRequiredService<CampaignPullRequestChannels>());
        services.AddOptions<SessionComposerOptions>().PostConfigure<IServiceProvider>((o, sp) =>
        {
            o.DeliveryVerifiers.TryGetValue(GitHubPullRequestChannel.ChannelName, out var host);
            o.DeliveryVerifiers[GitHubPullRequestChannel.ChannelName] = new CampaignFirstVerifier(sp.GetRequiredService<CampaignPullRequestChannels>(), host);
        });
        return services;
    }

    /// <summary>Campaign sessions' pull requests are found by the campaign's channel; any other session's by the host's.</summary>
    private sealed class CampaignFirstVerifier(CampaignPullRequestChannels campaigns, IDeliveryEffectVerifier? host) : IDeliveryEffectVerifier
    {
        public ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default)
            => CampaignPullRequestChannels.CampaignOf(context.SessionId) is not null || host is null
                ? campaigns.FindDeliveredAsync(context, cancellationToken)
                : host.FindDeliveredAsync(context, cancellationToken);
    }

    /// <summary>Creates the tables, then drives the campaigns that were running; stops driving when the host stops.</summary>
    private sealed class CampaignStartup(HostCampaigns campaigns) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await campaigns.Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await campaigns.ResumeRunningAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await campaigns.DisposeAsync().ConfigureAwait(false);
    }
}
