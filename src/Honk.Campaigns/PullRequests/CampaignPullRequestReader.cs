using System.Text.Json;
using System.Text.Json.Nodes;
using Honk.Hosting;

namespace Honk.Campaigns;

/// <summary>
/// Reads what the pull-request loop recorded about each repository's pull request, from the session store's effects
/// ledger, without changing it: the <c>pr</c> delivery (its URL), each head's final checks (<c>pr-checks:&lt;sha&gt;</c>,
/// <c>{"state": "green"|"failing", …}</c>; the newest counts) and the end of the watch (<c>pr-watch:closed</c>,
/// <c>"merged"</c> or <c>"closed"</c>).
/// </summary>
public static class CampaignPullRequestReader
{
    /// <summary>The ledger key of the <c>pr</c> delivery.</summary>
    public const string DeliveryKey = "delivery:pr";

    /// <summary>The prefix of the loop's per-head check records.</summary>
    public const string ChecksKeyPrefix = "pr-checks:";

    /// <summary>The loop's record that the pull request is merged or closed.</summary>
    public const string ClosedKey = "pr-watch:closed";

    /// <summary>A campaign's report, with its pull requests read from <paramref name="sessions"/> when it delivers them.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="repositories">Its repositories.</param>
    /// <param name="sessions">The store its sessions ran on; <see langword="null"/>: pull requests are not read.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report.</returns>
    public static async Task<CampaignReport> ReportAsync(CampaignRecord campaign, IReadOnlyList<CampaignRepositoryRecord> repositories, ISessionStore? sessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(repositories);
        var pullRequests = sessions is not null && campaign.Spec.Delivery.Contains(Tasks.TaskDelivery.PullRequest)
            ? await ReadAsync(sessions, repositories, cancellationToken).ConfigureAwait(false)
            : null;
        return CampaignReport.From(campaign, repositories, pullRequests);
    }

    /// <summary>Reads the pull requests of a campaign's delivered repositories.</summary>
    /// <param name="sessions">The store the sessions ran on (the host's, or the one shared with workers).</param>
    /// <param name="repositories">The campaign's repositories; only succeeded ones can have a pull request.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Each session id with a pull request, and what is known of it.</returns>
    public static async Task<IReadOnlyDictionary<string, CampaignPullRequest>> ReadAsync(ISessionStore sessions, IEnumerable<CampaignRepositoryRecord> repositories, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(repositories);
        var found = new Dictionary<string, CampaignPullRequest>(StringComparer.Ordinal);
        foreach (var repository in repositories.Where(r => r.Status == "succeeded"))
        {
            var effects = await sessions.ListEffectsAsync(repository.SessionId, cancellationToken).ConfigureAwait(false);
            if (From(effects) is { } pullRequest)
            {
                found[repository.SessionId] = pullRequest;
            }
        }

        return found;
    }

    /// <summary>The pull request one session's effects describe, or <see langword="null"/> when it delivered none.</summary>
    /// <param name="effects">The session's effects.</param>
    /// <returns>The pull request.</returns>
    public static CampaignPullRequest? From(IReadOnlyList<EffectRecord> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var delivery = effects.FirstOrDefault(e => e.EffectKey == DeliveryKey && e.State == EffectState.Succeeded);
        if (delivery is null)
        {
            return null;
        }

        var checks = effects
            .Where(e => e.EffectKey.StartsWith(ChecksKeyPrefix, StringComparison.Ordinal) && e.State == EffectState.Succeeded)
            .OrderBy(e => e.CompletedAt ?? e.BeganAt)
            .Select(e => Field(e.OutcomeJson, "state"))
            .LastOrDefault(s => s is CampaignPullRequest.Green or CampaignPullRequest.Failing);
        var closed = effects.FirstOrDefault(e => e.EffectKey == ClosedKey && e.State == EffectState.Succeeded);
        var state = closed is null ? CampaignPullRequest.Open : Text(closed.OutcomeJson) == CampaignPullRequest.Merged ? CampaignPullRequest.Merged : CampaignPullRequest.Closed;
        var url = Field(delivery.OutcomeJson, "url") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        return new CampaignPullRequest(url, checks, state);
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string field of an object, whatever the case of its name (the ledger's JSON is written by several serializers).</summary>
    private static string? Field(string? json, string name)
        => Parse(json) is JsonObject body && body.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
            && value.TryGetValue<string>(out var text) ? text : null;

    private static string? Text(string? json) => Parse(json) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
