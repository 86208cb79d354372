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
    private readonly TimeSpan _pollInterval;

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
            var repositories = await _store.ListRepositoriesAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
            if (!repositories.Any(r => r.Wave > wave && !CampaignStatus.IsFinal(r.Status)))
            {
                continue;
            }

            var inWave = repositories.Where(r => r.Wave == wave && r.Status != CampaignStatus.Skipped).ToList();
            var succeeded = inWave.Count(r => CampaignStatus.IsSuccess(r.Status));
            var rate = inWave.Count == 0 ? 1m : (decimal)succeeded / inWave.Count;
            var approved = current.ApprovedWave > wave;
            if (rate < spec.Gate && !approved)
            {
                return (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"{WaveName(wave)}: {succeeded} of {inWave.Count} succeeded ({rate:P0}), below the gate of {spec.Gate:P0}; the next waves did not start. Look at the failures, then retry or approve."));
            }

            if (spec.Approval && !approved)
            {
                return (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"{WaveName(wave)} done ({succeeded} of {inWave.Count} succeeded); waiting for approval of wave {wave + 1}."));
            }
        }

        return (CampaignStatus.Completed, spec.DryRun ? "Dry run: the canary ran; nothing was delivered." : null);
    }

    /// <summary>Runs one wave to its end; returns a final state when the campaign must stop.</summary>
    private async Task<(string Status, string? Message)?> RunWaveAsync(string campaignId, int wave, CampaignSpec spec, CancellationToken cancellationToken)
    {
        (string Status, string? Message)? stop = null;
        while (true)
        {
            var campaign = (await _store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false))!;
            var repositories = await _store.ListRepositoriesAsync(campaignId, cancellationToken).ConfigureAwait(false);
            Progress?.Invoke(this, repositories);
            var inFlight = repositories.Count(r => r.Status is CampaignStatus.Queued or CampaignStatus.RepositoryRunning);
            var pending = repositories.Where(r => r.Wave == wave && r.Status == CampaignStatus.Pending).ToList();

            if (campaign.Requested == CampaignRequests.Cancel)
            {
                await SkipAsync(campaignId, repositories.Where(r => r.Status is CampaignStatus.Pending or CampaignStatus.Queued), "The campaign was cancelled before this repository started.", cancellationToken).ConfigureAwait(false);
                stop ??= (CampaignStatus.Cancelled, "Cancelled: repositories not started were skipped.");
                pending.Clear();
            }
            else if (campaign.Requested == CampaignRequests.Pause && stop is null)
            {
                stop = (CampaignStatus.Paused, "Paused on request; resume to continue.");
            }

            if (stop is null && pending.Count > 0 && inFlight < spec.Concurrency)
            {
                var spent = repositories.Sum(r => r.CostUsd);
                if (spec.BudgetTotal is { } budget && spent >= budget)
                {
                    stop = (CampaignStatus.Paused, string.Create(CultureInfo.InvariantCulture, $"The campaign's budget of ${budget} is spent (${spent}); repositories not started were skipped."));
                }
                else
                {
                    // One at a time, so the budget is checked again before each next session starts.
                    var next = pending[0];
                    if (await _store.TryQueueAsync(campaignId, next.Position, cancellationToken).ConfigureAwait(false))
                    {
                        await _dispatcher.DispatchAsync(campaignId, next.Position, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }
            }

            if (inFlight == 0 && (stop is not null || pending.Count == 0))
            {
                return stop;
            }

            await _dispatcher.WaitForProgressAsync(_pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SkipAsync(string campaignId, IEnumerable<CampaignRepositoryRecord> repositories, string reason, CancellationToken cancellationToken)
    {
        foreach (var repository in repositories)
        {
            await _store.TrySkipAsync(campaignId, repository.Position, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string WaveName(int wave) => wave == 0 ? "The canary" : string.Create(CultureInfo.InvariantCulture, $"Wave {wave}");
}
