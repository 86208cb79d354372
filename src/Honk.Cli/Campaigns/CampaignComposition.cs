using Honk.Campaigns;
using Honk.Cli.Running;
using Honk.Delivery.Git;
using Honk.Hosting;

namespace Honk.Cli.Campaigns;

/// <summary>
/// The one place where a campaign's jobs meet the session composition, for <c>honk campaign run</c> and
/// <c>honk worker</c> alike: each job runs through the host's <see cref="SessionComposer"/> (the same wiring as a
/// hosted session, effects ledger included). When the composition moves behind <c>AddHonk()</c>, only
/// <see cref="CreateExecutor"/> changes.
/// </summary>
internal static class CampaignComposition
{
    public static ICampaignJobRunner CreateRunner(ISessionStore sessions, CampaignCompositionSettings settings)
        => new SessionExecutorJobRunner(CreateExecutor(settings), sessions);

    private static SessionComposer CreateExecutor(CampaignCompositionSettings settings)
    {
        var options = new SessionComposerOptions
        {
            DefaultModel = settings.DefaultModel,
            ChatClientFactory = ModelFactory.Create,
            AllowUnsandboxed = settings.AllowUnsandboxed,
            TranscriptDirectory = settings.TranscriptDirectory,
            Delivery = new GitDeliveryOptions { PatchDirectory = settings.PatchDirectory },

            // The campaign file's per-session budget travels with the task, so every worker applies the same limits.
            Configure = (session, execution) => session.Loop.Budget = Merge(Budget.Default, execution.Session.Request.Task.Budget),
        };
        return new SessionComposer(options);
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
