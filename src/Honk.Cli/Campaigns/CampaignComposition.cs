using Honk.Campaigns;
using Honk.Cli.Running;
using Honk.Delivery.Git;
using Honk.Delivery.GitHub;
using Honk.Server.Campaigns;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Cli.Campaigns;

/// <summary>
/// The one place where a campaign's jobs meet the session composition, for <c>honk campaign run</c> and
/// <c>honk worker</c> alike: each job runs through the host's <see cref="SessionComposer"/> (the same wiring as a
/// hosted session, effects ledger included), composed from <c>AddHonk().AddHonkDefaults()</c> like every session.
/// </summary>
internal static class CampaignComposition
{
    public static ICampaignJobRunner CreateRunner(ISessionStore sessions, CampaignStore campaigns, CampaignCompositionSettings settings)
        => new SessionExecutorJobRunner(CreateExecutor(campaigns, settings), sessions);

    private static SessionComposer CreateExecutor(CampaignStore campaigns, CampaignCompositionSettings settings)
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d =>
            {
                d.AllowUnsandboxed = settings.AllowUnsandboxed;
                d.Delivery = new GitDeliveryOptions { PatchDirectory = settings.PatchDirectory };
            })
            .WithModelFactory(new CliModelFactory());

        // Campaigns delivering pull requests: one per repository, on the target's own GitHub repository, through the
        // effects ledger with its reality check (a job run again after its worker died finds the pull request it opened).
        var github = settings.GitHub is { } gitHubOptions ? new GitHubClient(new HttpClient(), gitHubOptions) : null;
        var pullRequests = new CampaignPullRequestChannels(campaigns, github);
        services.AddSingleton<ISessionContributor>(pullRequests);

        // The runner lives as long as the command; so does its container.
        var provider = services.BuildServiceProvider();
        var composer = new SessionComposerOptions
        {
            DefaultModel = settings.DefaultModel,
            TranscriptDirectory = settings.TranscriptDirectory,

            // The campaign file's per-session budget travels with the task, so every worker applies the same limits.
            Configure = (session, execution) => session.Loop.Budget = Merge(Budget.Default, execution.Session.Request.Task.Budget),
        };
        composer.DeliveryVerifiers[GitHubPullRequestChannel.ChannelName] = pullRequests;
        return new SessionComposer(provider, composer);
    }

    private static Budget Merge(Budget defaults, Budget? specific) => specific is null ? defaults : new Budget
    {
        MaxTurns = specific.MaxTurns ?? defaults.MaxTurns,
        MaxInputTokens = specific.MaxInputTokens ?? defaults.MaxInputTokens,
        MaxOutputTokens = specific.MaxOutputTokens ?? defaults.MaxOutputTokens,
        MaxCostUsd = specific.MaxCostUsd ?? defaults.MaxCostUsd,
        MaxWallTime = specific.MaxWallTime ?? defaults.MaxWallTime,
        MaxToolCalls = specific.MaxToolCalls ?? defaults.MaxToolCalls,
    };
}
