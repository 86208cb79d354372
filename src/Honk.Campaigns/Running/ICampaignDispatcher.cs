namespace Honk.Campaigns;

/// <summary>Hands a queued repository to whoever runs jobs: an in-process queue, or a broker's durable queue.</summary>
public interface ICampaignDispatcher
{
    /// <summary>Enqueues one repository's job. Called once per repository (the store guarantees it).</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="cancellationToken">Cancels the hand-over.</param>
    /// <returns>A task that completes when the job is safely queued.</returns>
    ValueTask DispatchAsync(string campaignId, int position, CancellationToken cancellationToken = default);

    /// <summary>Completes when some job may have ended, or after <paramref name="timeout"/>; the controller then reads the store.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes on progress or timeout.</returns>
    Task WaitForProgressAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
