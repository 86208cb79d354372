using Honk.Campaigns;
using Honk.Hosting;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Campaigns;

/// <summary>
/// The campaign controller inside the host: starts campaigns, drives each with the in-process queue whose jobs are the
/// host's own sessions (<see cref="HostSessionJobRunner"/>), and carries out the bulk actions. At most one drive per
/// campaign runs at a time; an action that arrives while one is ending drives the campaign once more.
/// </summary>
public sealed class HostCampaigns : IAsyncDisposable
{
    private readonly HonkHost _host;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Drive> _drives = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _stopped;

    /// <summary>Creates the controller.</summary>
    /// <param name="store">Where campaigns are kept.</param>
    /// <param name="host">The host whose sessions run the jobs.</param>
    /// <param name="options">The campaign settings.</param>
    /// <param name="logger">The log.</param>
    public HostCampaigns(CampaignStore store, HonkHost host, HonkCampaignsOptions options, ILogger<HostCampaigns> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        Store = store;
        _host = host;
        Options = options;
        _logger = logger;
    }

    /// <summary>The campaign store.</summary>
    public CampaignStore Store { get; }

    /// <summary>The settings.</summary>
    public HonkCampaignsOptions Options { get; }

    /// <summary>The host's session store: where its campaign sessions' effects (their pull requests) are recorded.</summary>
    public ISessionStore Sessions => _host.Store;

    /// <summary>Stores a new campaign and starts driving it.</summary>
    /// <param name="file">The campaign file, its targets already resolved by the host's allow-list.</param>
    /// <param name="requester">Who started it (an authenticated identity).</param>
    /// <param name="dryRun">Run only the canary and deliver nothing.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored campaign.</returns>
    public async Task<CampaignRecord> StartAsync(CampaignFile file, string requester, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(requester);
        var id = AgentSession.CreateId();
        var spec = CampaignPlan.Spec(file, id);
        spec = spec with
        {
            Task = spec.Task with { Requester = requester },
            Model = Options.Model,
            DryRun = dryRun,
            JobQueue = Options.JobQueue,
            Delivery = dryRun ? [] : spec.Delivery,
        };
        var campaign = await Store.CreateAsync(id, spec, CampaignPlan.Repositories(file), cancellationToken).ConfigureAwait(false);
        DriveInBackground(id);
        return campaign;
    }

    /// <summary>Approves waves up to <paramref name="wave"/> (the next one when <see langword="null"/>) and drives the campaign on.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="wave">The wave.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The wave approved, or <see langword="null"/> when none was left.</returns>
    public async Task<int?> ApproveAsync(string id, int? wave, CancellationToken cancellationToken = default)
    {
        var tally = await Store.TallyAsync(id, cancellationToken).ConfigureAwait(false);
        var next = wave ?? NextPendingWave(tally);
        if (next is not { } approved)
        {
            return null;
        }

        await Store.ApproveAsync(id, approved, cancellationToken).ConfigureAwait(false);
        DriveInBackground(id);
        return approved;
    }

    /// <summary>Puts failed and skipped repositories back to pending and drives the campaign again.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many repositories run again.</returns>
    public async Task<int> RetryAsync(string id, CancellationToken cancellationToken = default)
    {
        var count = await Store.ResetFailedAsync(id, cancellationToken).ConfigureAwait(false);
        var campaign = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (count > 0 && campaign is not null && campaign.Status != CampaignStatus.Running)
        {
            await Store.SetStatusAsync(id, CampaignStatus.Paused, "Retrying.", cancellationToken).ConfigureAwait(false);
        }

        DriveInBackground(id);
        return count;
    }

    /// <summary>Asks a running campaign to start no more sessions.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the request is stored.</returns>
    public async Task PauseAsync(string id, CancellationToken cancellationToken = default)
    {
        var campaign = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (campaign?.Status == CampaignStatus.Running)
        {
            await Store.RequestAsync(id, CampaignRequests.Pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drives a paused campaign on.</summary>
    /// <param name="id">The campaign.</param>
    public void Resume(string id) => DriveInBackground(id);

    /// <summary>Cancels a campaign: repositories not started are skipped, running sessions are cancelled.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the request is stored (a running campaign stops at its controller's next step).</returns>
    public async Task CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        var campaign = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (campaign?.Status == CampaignStatus.Running)
        {
            await Store.RequestAsync(id, CampaignRequests.Cancel, cancellationToken).ConfigureAwait(false);
        }
        else if (campaign?.Status == CampaignStatus.Paused)
        {
            // Nobody drives a paused campaign: cancel it here.
            await Store.SkipNotStartedAsync(id, "The campaign was cancelled before this repository started.", cancellationToken).ConfigureAwait(false);
            await Store.SetStatusAsync(id, CampaignStatus.Cancelled, "Cancelled: repositories not started were skipped.", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The campaign's rollup.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report, or <see langword="null"/> when there is no such campaign.</returns>
    public async Task<CampaignReport?> ReportAsync(string id, CancellationToken cancellationToken = default)
    {
        var campaign = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return campaign is null
            ? null
            : await CampaignPullRequestReader.ReportAsync(campaign, await Store.ListRepositoriesAsync(id, cancellationToken).ConfigureAwait(false), _host.Store, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drives every campaign left running when the host last stopped.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes once they are driven again.</returns>
    public async Task ResumeRunningAsync(CancellationToken cancellationToken = default)
    {
        foreach (var campaign in (await Store.ListAsync(500, cancellationToken).ConfigureAwait(false)).Where(c => c.Status == CampaignStatus.Running))
        {
            DriveInBackground(campaign.Id);
        }
    }

    /// <summary>Stops driving (campaigns stay running in the store and are driven again when the host starts). Idempotent.</summary>
    /// <returns>A task that completes when every drive has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            // Called by the hosted service's stop and again by the container: only the first stops anything.
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            running = [.. _drives.Values.Select(d => d.Task!)];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static int? NextPendingWave(CampaignTally tally)
    {
        for (var wave = 0; wave < 10_000 && tally.Total > 0; wave++)
        {
            if (tally.Pending(wave) > 0)
            {
                return wave;
            }
        }

        return null;
    }

    private void DriveInBackground(string id)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (_drives.TryGetValue(id, out var existing))
            {
                existing.Again = true;
                return;
            }

            var drive = new Drive();
            _drives[id] = drive;
            drive.Task = Task.Run(() => DriveLoopAsync(id, drive));
        }
    }

    private async Task DriveLoopAsync(string id, Drive drive)
    {
        while (true)
        {
            try
            {
                await DriveOnceAsync(id).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // The host is stopping; the campaign is driven again when it starts.
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                CampaignLog.DriveFailed(_logger, id, ex);
                await Store.SetStatusAsync(id, CampaignStatus.Failed, $"The campaign controller failed: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (!drive.Again || _stopped)
                {
                    _drives.Remove(id);
                    return;
                }

                drive.Again = false;
            }
        }
    }

    private async Task DriveOnceAsync(string id)
    {
        var campaign = await Store.GetAsync(id, _stopping.Token).ConfigureAwait(false);
        if (campaign is null)
        {
            return;
        }

        if (Options.Dispatcher is { } remote)
        {
            await DriveOnWorkersAsync(campaign, remote).ConfigureAwait(false);
            return;
        }

        var processor = new CampaignJobProcessor(Store, new HostSessionJobRunner(_host, _stopping.Token), $"host-{_host.Options.HostId}");
        var dispatcher = new InProcessCampaignDispatcher(processor, campaign.Spec.Concurrency);
        var controller = new CampaignController(Store, dispatcher, Options.PollInterval) { RequeueInFlight = true };
        CampaignRecord ended;
        try
        {
            ended = await controller.RunAsync(id, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Leave the queue's tasks waiting on their sessions: the process is ending, and the rows stay queued or
            // running for the next start to hand over again.
            throw;
        }

        if (ended.Status == CampaignStatus.Cancelled)
        {
            dispatcher.CancelRunning();
        }

        await dispatcher.DisposeAsync().ConfigureAwait(false);
        CampaignLog.Ended(_logger, id, ended.Status, ended.Message ?? "");
    }

    /// <summary>
    /// Drives a campaign whose jobs run on workers: the host only queues waves (each repository once, the store decides)
    /// and applies gate, budget, pause and cancel. Jobs already queued stay with the broker across host restarts
    /// (no re-queuing of in-flight rows), and a cancel skips what has not started; workers finish what they hold.
    /// </summary>
    private async Task DriveOnWorkersAsync(CampaignRecord campaign, Func<CampaignRecord, CancellationToken, ValueTask<ICampaignDispatcher>> remote)
    {
        var dispatcher = await remote(campaign, _stopping.Token).ConfigureAwait(false);
        try
        {
            var controller = new CampaignController(Store, dispatcher, Options.PollInterval);
            var ended = await controller.RunAsync(campaign.Id, _stopping.Token).ConfigureAwait(false);
            CampaignLog.Ended(_logger, campaign.Id, ended.Status, ended.Message ?? "");
        }
        finally
        {
            if (dispatcher is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Drive
    {
        public Task? Task { get; set; }

        public bool Again { get; set; }
    }
}

/// <summary>The campaign controller's log lines.</summary>
internal static partial class CampaignLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Campaign {Campaign} stopped driving: {Status}. {Message}")]
    public static partial void Ended(ILogger logger, string campaign, string status, string message);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Campaign {Campaign}: the controller failed")]
    public static partial void DriveFailed(ILogger logger, string campaign, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Campaign {Campaign} {Action} by {Identity}")]
    public static partial void Action(ILogger logger, string campaign, string action, string identity);
}
