using System.Globalization;
using Honk.Campaigns;
using Honk.Hosting;

namespace Honk.Server.Campaigns;

/// <summary>
/// Runs a campaign job as a session of the host itself: stored under a fixed id, run by the host's runner (its
/// concurrency, leases and recovery after a restart), shown in the review list with its own review page. A job handed
/// over again after the host restarted waits for the session already there instead of starting another; a repository
/// retried after a final result runs as a new session (<c>…-a2</c>, <c>…-a3</c>).
/// </summary>
internal sealed class HostSessionJobRunner(HonkHost host, CancellationToken stopping) : ICampaignJobRunner
{
    public async Task<SessionResult> RunAsync(CampaignJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var baseId = CampaignStore.SessionIdOf(job.CampaignId, job.Position);

        // An earlier attempt's session still queued or running (the host restarted mid-job): that one is the job.
        for (var attempt = 1; attempt < job.Attempt; attempt++)
        {
            if (await host.GetAsync(SessionIdOf(baseId, attempt), cancellationToken).ConfigureAwait(false) is { } earlier && !earlier.Status.IsFinal())
            {
                return await WaitAsync(earlier.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        var id = SessionIdOf(baseId, job.Attempt);
        if (await host.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            var request = new SessionRequest
            {
                Repository = job.Repository,
                Task = job.Spec.Task,
                Model = job.Spec.Model,
                JudgeModel = job.Spec.JudgeModel,
                Delivery = job.Spec.Delivery,
                Branch = job.Branch,
                Requester = job.Spec.Task.Requester,
                Origin = new ApiOrigin("campaign"),
            };
            await host.Store.CreateAsync(id, request, job.Branch, cancellationToken).ConfigureAwait(false);
        }

        return await WaitAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first attempt keeps the campaign's session id; later ones add <c>-a&lt;n&gt;</c>.</summary>
    public static string SessionIdOf(string baseId, int attempt)
        => attempt <= 1 ? baseId : string.Create(CultureInfo.InvariantCulture, $"{baseId}-a{attempt}");

    private async Task<SessionResult> WaitAsync(string id, CancellationToken cancellationToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            while (true)
            {
                var record = await host.GetAsync(id, both.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The host lost the campaign session '{id}'.");
                if (record.Status.IsFinal())
                {
                    return record.Result ?? new SessionResult { SessionId = id, Status = SessionStatus.Cancelled, Message = "The session ended without a result." };
                }

                await Task.Delay(host.Options.PollInterval, both.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // The campaign was cancelled: stop its session too (the processor records the repository cancelled).
            await host.CancelAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping: the session is recovered by the host when it starts again, and this job is handed
            // over again then. Never report an outcome now, or a stop would read as a cancelled repository.
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }
}
