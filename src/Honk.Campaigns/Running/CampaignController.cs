using System.Globalization;

namespace Honk.Campaigns;

/// <summary>
/// Drives one campaign: waves in order, the canary first; within a wave it queues repositories up to the campaign's
/// concurrency, checking the total budget and any pause or cancel request before each; after a wave it applies the
/// gate and, when asked, waits for approval. The same on one machine and on many: only the dispatcher differs.
/// </summary>
public sealed class CampaignController
{
    private readonly CampaignStore _store;
    private readonly ICampaignDispatcher _dispatcher;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
    private readonly TimeSpan _pollInterval;
    private long? _lastProgress;

    /// <summary>Creates the controller.</summary>
    /// <param name="store">The campaign store.</param>
    /// <param name="dispatcher">Where jobs go.</param>
    /// <param name="pollInterval">How often the store is read while jobs run (the dispatcher may wake it sooner). Default 1 s.</param>
    public CampaignController(CampaignStore store, ICampaignDispatcher dispatcher, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dispatcher);
        _store = store;
        _dispatcher = dispatcher;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// Whether jobs left queued or running by an earlier run are handed to the dispatcher again when the campaign is
    /// driven. True for the in-process queue (it died with its process); false with a broker, which still holds them.
    /// </summary>
    public bool RequeueInFlight { get; init; }

    /// <summary>Raised whenever the controller has read the campaign's repositories (for progress displays).</summary>
    public event EventHandler<IReadOnlyList<CampaignRepositoryRecord>>? Progress;

    /// <summary>Runs the campaign until it completes, pauses (gate, approval, budget, request) or is cancelled.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Stops driving (the campaign stays running in the store, to be resumed).</param>
    /// <returns>The campaign as it ended.</returns>
    /// <exception cref="InvalidOperationException">There is no such campaign.</exception>
    public async Task<CampaignRecord> RunAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        var campaign = await _store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no campaign '{campaignId}'.");
        if (campaign.Status is not (CampaignStatus.Running or CampaignStatus.Paused))
        {
            return campaign;
        }

        await _store.SetStatusAsync(campaignId, CampaignStatus.Running, null, cancellationToken).ConfigureAwait(false);
        if (RequeueInFlight)
        {
            foreach (var orphan in (await _store.ListRepositoriesAsync(campaignId, cancellationToken).ConfigureAwait(false)).Where(r => r.Status is CampaignStatus.Queued or CampaignStatus.RepositoryRunning))
            {
                await _dispatcher.DispatchAsync(campaignId, orphan.Position, cancellationToken).ConfigureAwait(false);
            }
        }

        var (status, message) = await DriveAsync(campaign, cancellationToken).ConfigureAwait(false);
        await _store.SetStatusAsync(campaignId, status, message, CancellationToken.None).ConfigureAwait(false);
        return (await _store.GetAsync(campaignId, CancellationToken.None).ConfigureAwait(false))!;
    }

    private async Task<(string Status, string? Message)> DriveAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        var spec = campaign.Spec;
        var lastWave = spec.DryRun ? 0 : spec.WaveCount - 1;
        for (var wave = 0; wave <= lastWave; wave++)
        {
            var stop = await RunWaveAsync(campaign.Id, wave, spec, cancellationToken).ConfigureAwait(false);
            if (stop is not null)
            {
                return stop.Value;
            }

            if (wave == lastWave)
            {
                break;
            }

            var current = (await _store.GetAsync(campaign.Id, cancellationToken).ConfigureAwait(false))!;
            var tally = await _store.TallyAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
            if (!tally.LaterWorkAfter(wave))
            {
                continue;
            }

            var (started, succeeded) = tally.Outcomes(wave);
            var rate = started == 0 ? 1m : (decimal)succeeded / started;
            var approved = current.ApprovedWave > wave;
            if (rate < spec.Gate && !approved)
            {
                return (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"{WaveName(wave)}: {succeeded} of {started} succeeded ({rate:P0}), below the gate of {spec.Gate:P0}; the next waves did not start. Look at the failures, then retry or approve."));
            }

            if (spec.Approval && !approved)
            {
                return (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"{WaveName(wave)} done ({succeeded} of {started} succeeded); waiting for approval of wave {wave + 1}."));
            }
        }

        return (CampaignStatus.Completed, spec.DryRun ? "Dry run: the canary ran; nothing was delivered." : null);
    }

    /// <summary>
    /// Runs one wave to its end; returns a final state when the campaign must stop. Each step reads the campaign and a
    /// grouped tally (never every repository), then queues as many repositories as the concurrency allows in one
    /// statement, the total budget checked first.
    /// </summary>
    private async Task<(string Status, string? Message)?> RunWaveAsync(string campaignId, int wave, CampaignSpec spec, CancellationToken cancellationToken)
    {
        (string Status, string? Message)? stop = null;
        while (true)
        {
            var campaign = (await _store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false))!;
            var tally = await _store.TallyAsync(campaignId, cancellationToken).ConfigureAwait(false);
            await ReportProgressAsync(campaignId, force: false, cancellationToken).ConfigureAwait(false);
            var inFlight = tally.InFlight;
            var pending = tally.Pending(wave);

            if (campaign.Requested == CampaignRequests.Cancel)
            {
                if (await _store.SkipNotStartedAsync(campaignId, "The campaign was cancelled before this repository started.", cancellationToken).ConfigureAwait(false) > 0)
                {
                    continue;
                }

                stop ??= (CampaignStatus.Cancelled, "Cancelled: repositories not started were skipped.");
                pending = 0;
            }
            else if (campaign.Requested == CampaignRequests.Pause && stop is null)
            {
                stop = (CampaignStatus.Paused, "Paused on request; resume to continue.");
            }

            if (stop is null && pending > 0 && inFlight < spec.Concurrency)
            {
                if (spec.BudgetTotal is { } budget && tally.SpentUsd >= budget)
                {
                    stop = (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"The campaign's budget of ${budget} is spent (${tally.SpentUsd}); repositories not started were skipped."));
                }
                else
                {
                    // With a total budget, one at a time, so the budget is checked again before each next session
                    // starts; without one, as many as the concurrency allows, in one statement.
                    var room = spec.BudgetTotal is null ? spec.Concurrency - inFlight : 1;
                    foreach (var position in await _store.QueueNextAsync(campaignId, wave, room, cancellationToken).ConfigureAwait(false))
                    {
                        await _dispatcher.DispatchAsync(campaignId, position, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }
            }

            if (inFlight == 0 && (stop is not null || pending == 0))
            {
                await ReportProgressAsync(campaignId, force: true, cancellationToken).ConfigureAwait(false);
                return stop;
            }

            await _dispatcher.WaitForProgressAsync(_pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every repository for <see cref="Progress"/> only when someone listens, and at most twice a second.</summary>
    private async Task ReportProgressAsync(string campaignId, bool force, CancellationToken cancellationToken)
    {
        if (Progress is null || (!force && _lastProgress is { } last && TimeProvider.System.GetElapsedTime(last) < ProgressInterval))
        {
            return;
        }

        _lastProgress = TimeProvider.System.GetTimestamp();
        Progress?.Invoke(this, await _store.ListRepositoriesAsync(campaignId, cancellationToken).ConfigureAwait(false));
    }

    private static string WaveName(int wave) => wave == 0 ? "The canary" : string.Create(CultureInfo.InvariantCulture, $"Wave {wave}");
}
