using System.Collections.Concurrent;
using System.Globalization;

namespace Honk.Campaigns;

/// <summary>
/// The worker's side of a job, the same on one machine and on many: start the repository (counting the attempt), run
/// its session, record the result once. A job for a repository that is already final (a redelivery after its result
/// was stored) does nothing.
/// </summary>
public sealed class CampaignJobProcessor
{
    private readonly CampaignStore _store;
    private readonly ICampaignJobRunner _runner;
    private readonly string _worker;
    private readonly int _maxAttempts;
    private readonly ConcurrentDictionary<string, CampaignSpec> _specs = new(StringComparer.Ordinal);

    /// <summary>Creates the processor.</summary>
    /// <param name="store">The campaign store.</param>
    /// <param name="runner">Runs one session.</param>
    /// <param name="worker">This worker's name, recorded with each start.</param>
    /// <param name="maxAttempts">A repository started this many times without a result (its workers died) ends <c>failed</c>.</param>
    public CampaignJobProcessor(CampaignStore store, ICampaignJobRunner runner, string worker, int maxAttempts = 3)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _store = store;
        _runner = runner;
        _worker = worker;
        _maxAttempts = maxAttempts;
    }

    /// <summary>Raised after a job's outcome is stored (the in-process dispatcher wakes its controller with it).</summary>
    public event EventHandler? JobFinished;

    /// <summary>Processes one job.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="cancellationToken">Cancels the session (its result is then <c>cancelled</c>).</param>
    /// <returns>What happened.</returns>
    public async Task<CampaignJobOutcome> ProcessAsync(string campaignId, int position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        var spec = await SpecAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            return CampaignJobOutcome.Unknown;
        }

        var started = await _store.TryStartAsync(campaignId, position, _worker, cancellationToken).ConfigureAwait(false);
        if (started is null)
        {
            return CampaignJobOutcome.AlreadyFinal;
        }

        if (started.Attempts > _maxAttempts)
        {
            var gaveUp = new SessionResult
            {
                SessionId = started.SessionId,
                Status = SessionStatus.Failed,
                Message = string.Create(CultureInfo.InvariantCulture, $"Gave up after {_maxAttempts} attempts: the worker running this repository stopped each time before the session ended."),
            };
            await CompleteAsync(campaignId, position, gaveUp).ConfigureAwait(false);
            return CampaignJobOutcome.GaveUp;
        }

        var job = new CampaignJob
        {
            CampaignId = campaignId,
            Position = position,
            Repository = started.Repository,
            SessionId = started.SessionId,
            Branch = started.Branch,
            Attempt = started.Attempts,
            Spec = spec,
        };
        SessionResult result;
        try
        {
            result = await _runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = new SessionResult { SessionId = job.SessionId, Status = SessionStatus.Cancelled, Message = "The campaign was cancelled while this session ran." };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = new SessionResult { SessionId = job.SessionId, Status = SessionStatus.Failed, Message = $"The session could not run: {ex.Message}" };
        }

        await CompleteAsync(campaignId, position, result).ConfigureAwait(false);
        return CampaignJobOutcome.Completed;
    }

    private async Task CompleteAsync(string campaignId, int position, SessionResult result)
    {
        // Recorded even when the caller is cancelling: the session has ended and its outcome must not be lost.
        await _store.TryCompleteAsync(campaignId, position, result, CancellationToken.None).ConfigureAwait(false);
        JobFinished?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>What a campaign runs, as this processor's store has it (cached): a worker checks it can run a job before it starts it.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The spec, or <see langword="null"/> when the campaign is not in this store.</returns>
    public Task<CampaignSpec?> GetSpecAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        return SpecAsync(campaignId, cancellationToken);
    }

    private async Task<CampaignSpec?> SpecAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(campaignId, out var spec))
        {
            return spec;
        }

        var campaign = await _store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return campaign is null ? null : _specs.GetOrAdd(campaignId, campaign.Spec);
    }
}
