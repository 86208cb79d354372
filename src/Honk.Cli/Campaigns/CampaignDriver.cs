using Honk.Campaigns;
using Honk.Campaigns.RabbitMq;

namespace Honk.Cli.Campaigns;

/// <summary>
/// Drives a stored campaign to its end and prints the rollup: with the in-process queue (jobs run in this process), or
/// with a broker (jobs run on <c>honk worker</c> processes; this process only enqueues waves and applies gate and budget).
/// </summary>
internal static class CampaignDriver
{
    public static async Task<int> DriveAsync(CampaignState state, string campaignId, CampaignDriveSettings settings, CampaignOutput output, CancellationToken cancellationToken)
    {
        var campaign = await state.Campaigns.GetAsync(campaignId, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"There is no campaign '{campaignId}' in {(settings.Broker is null ? state.Folder : "the store")}. List them with 'honk campaign status'.");
        CampaignRecord ended;
        if (settings.Broker is { } broker)
        {
            var dispatcher = await ConnectAsync(broker, campaign.Spec.JobQueue, cancellationToken).ConfigureAwait(false);
            await using (dispatcher.ConfigureAwait(false))
            {
                var controller = new CampaignController(state.Campaigns, dispatcher, TimeSpan.FromMilliseconds(500));
                controller.Progress += (_, repositories) => output.Progress(repositories);
                ended = await controller.RunAsync(campaignId, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var runner = CampaignComposition.CreateRunner(state.Sessions, state.Campaigns, settings.Composition);
            var processor = new CampaignJobProcessor(state.Campaigns, runner, $"local-{Environment.ProcessId}");
            var dispatcher = new InProcessCampaignDispatcher(processor, campaign.Spec.Concurrency);
            await using (dispatcher.ConfigureAwait(false))
            {
                var controller = new CampaignController(state.Campaigns, dispatcher, TimeSpan.FromMilliseconds(250)) { RequeueInFlight = true };
                controller.Progress += (_, repositories) => output.Progress(repositories);
                ended = await controller.RunAsync(campaignId, cancellationToken).ConfigureAwait(false);
                if (ended.Status == CampaignStatus.Cancelled)
                {
                    dispatcher.CancelRunning();
                }
            }
        }

        var report = await CampaignPullRequestReader.ReportAsync(ended, await state.Campaigns.ListRepositoriesAsync(campaignId, CancellationToken.None).ConfigureAwait(false), state.Sessions, CancellationToken.None).ConfigureAwait(false);
        output.Report(report);
        return ExitCode(report);
    }

    public static int ExitCode(CampaignReport report)
        => report.Status == CampaignStatus.Failed || !report.AllStartedSucceeded ? CliExitCodes.SessionFailed : CliExitCodes.Success;

    private static async Task<RabbitMqCampaignDispatcher> ConnectAsync(Uri broker, string? queue, CancellationToken cancellationToken)
    {
        try
        {
            return await RabbitMqCampaignDispatcher.ConnectAsync(new RabbitMqCampaignOptions { Broker = broker, Queue = queue ?? RabbitMqCampaignOptions.DefaultQueue }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new CliException($"Could not reach the broker {broker.GetLeftPart(UriPartial.Authority).Replace(broker.UserInfo + "@", "", StringComparison.Ordinal)}: {ex.Message}");
        }
    }
}
