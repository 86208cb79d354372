using System.Globalization;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Campaigns;

/// <summary>The guarded state changes: each is one <c>UPDATE … WHERE status …</c>, so racing callers cannot both win.</summary>
public sealed partial class CampaignStore
{
    /// <summary>Marks a pending repository queued. Only one caller ever wins, so a repository is never enqueued twice.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call queued it.</returns>
    public async Task<bool> TryQueueAsync(string id, int position, CancellationToken cancellationToken = default)
        => await UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @queued WHERE campaign_id = @id AND position = @position AND status = @pending",
            cancellationToken,
            ("queued", CampaignStatus.Queued),
            ("pending", CampaignStatus.Pending),
            ("id", id),
            ("position", position)).ConfigureAwait(false) == 1;

    /// <summary>
    /// A worker starts a queued repository, or starts it again after the worker that had it died (the broker redelivered
    /// its job). Counts the attempt.
    /// </summary>
    /// <param name="id">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="worker">Who starts it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The repository after the change, or <see langword="null"/> when it is not startable (final, or never queued).</returns>
    public async Task<CampaignRepositoryRecord?> TryStartAsync(string id, int position, string worker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        var changed = await UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @running, attempts = attempts + 1, worker = @worker, started_at = @now WHERE campaign_id = @id AND position = @position AND status IN (@queued, @running)",
            cancellationToken,
            ("running", CampaignStatus.RepositoryRunning),
            ("queued", CampaignStatus.Queued),
            ("worker", worker),
            ("now", Now()),
            ("id", id),
            ("position", position)).ConfigureAwait(false);
        return changed == 1 ? await GetRepositoryAsync(id, position, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Records a repository's session result, once: a second report (a redelivered job's) changes nothing.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="result">The session's result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call recorded it.</returns>
    public async Task<bool> TryCompleteAsync(string id, int position, SessionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return await UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @status, session_id = COALESCE(@session, session_id), cost_usd = @cost, turns = @turns, message = @message, completed_at = @now, result_json = @result WHERE campaign_id = @id AND position = @position AND status IN (@queued, @running)",
            cancellationToken,
            ("status", result.Status.ToWireName()),

            // The session that produced the result: a host runs a retried repository as a new session.
            ("session", string.IsNullOrWhiteSpace(result.SessionId) ? null : result.SessionId),
            ("cost", result.Usage.CostUsd.ToString(CultureInfo.InvariantCulture)),
            ("turns", result.Turns),
            ("message", result.Message ?? result.Summary),
            ("now", Now()),
            ("result", JsonSerializer.Serialize(result, HostingJson.Options)),
            ("queued", CampaignStatus.Queued),
            ("running", CampaignStatus.RepositoryRunning),
            ("id", id),
            ("position", position)).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks a repository that was never started as skipped (pending, or queued but not yet taken by a worker).</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="position">The repository.</param>
    /// <param name="reason">Why it is skipped.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call skipped it.</returns>
    public async Task<bool> TrySkipAsync(string id, int position, string reason, CancellationToken cancellationToken = default)
        => await UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @skipped, message = @reason, completed_at = @now WHERE campaign_id = @id AND position = @position AND status IN (@pending, @queued)",
            cancellationToken,
            ("skipped", CampaignStatus.Skipped),
            ("reason", reason),
            ("now", Now()),
            ("pending", CampaignStatus.Pending),
            ("queued", CampaignStatus.Queued),
            ("id", id),
            ("position", position)).ConfigureAwait(false) == 1;

    /// <summary>Puts repositories that ended in a failure (or were skipped) back to pending, for <c>retry</c>.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many repositories will run again.</returns>
    public Task<int> ResetFailedAsync(string id, CancellationToken cancellationToken = default)
        => UpdateAsync(
            "UPDATE honk_campaign_repositories SET status = @pending, message = NULL, completed_at = NULL, result_json = NULL WHERE campaign_id = @id AND status NOT IN (@pending, @queued, @running, 'succeeded', 'no_changes')",
            cancellationToken,
            ("pending", CampaignStatus.Pending),
            ("queued", CampaignStatus.Queued),
            ("running", CampaignStatus.RepositoryRunning),
            ("id", id));

    /// <summary>Sets the campaign's state and message, and clears a request it answered.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="status">The new state.</param>
    /// <param name="message">Why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public Task SetStatusAsync(string id, string status, string? message, CancellationToken cancellationToken = default)
        => UpdateAsync(
            "UPDATE honk_campaigns SET status = @status, message = @message, requested = CASE WHEN @status = 'running' THEN requested ELSE NULL END, updated_at = @now WHERE id = @id",
            cancellationToken,
            ("status", status),
            ("message", message),
            ("now", Now()),
            ("id", id));

    /// <summary>Asks the campaign's controller to pause or cancel at its next step.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="request"><c>pause</c> or <c>cancel</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when there is no such campaign.</returns>
    public async Task<bool> RequestAsync(string id, string request, CancellationToken cancellationToken = default)
    {
        if (request is not (CampaignRequests.Pause or CampaignRequests.Cancel))
        {
            throw new ArgumentException("A request is 'pause' or 'cancel'.", nameof(request));
        }

        return await UpdateAsync("UPDATE honk_campaigns SET requested = @request, updated_at = @now WHERE id = @id", cancellationToken, ("request", request), ("now", Now()), ("id", id)).ConfigureAwait(false) == 1;
    }

    /// <summary>Lets waves up to <paramref name="wave"/> start even when approval or a gate would hold them, and clears a pause request.</summary>
    /// <param name="id">The campaign.</param>
    /// <param name="wave">The last wave approved.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when there is no such campaign.</returns>
    public async Task<bool> ApproveAsync(string id, int wave, CancellationToken cancellationToken = default)
        => await UpdateAsync(
            "UPDATE honk_campaigns SET approved_wave = CASE WHEN approved_wave < @wave THEN @wave ELSE approved_wave END, requested = NULL, updated_at = @now WHERE id = @id",
            cancellationToken,
            ("wave", wave),
            ("now", Now()),
            ("id", id)).ConfigureAwait(false) == 1;
}
