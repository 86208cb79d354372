using System.Globalization;
using Honk.Campaigns;

namespace Honk.Server.Campaigns;

/// <summary>The bulk actions, shared by the API and the page's buttons: approve, retry, pause, resume, cancel.</summary>
internal static class CampaignActions
{
    public static readonly IReadOnlyList<string> Names = ["approve", "retry", "pause", "resume", "cancel"];

    /// <summary>Carries out an action; returns why it cannot be done, or <see langword="null"/> when done.</summary>
    public static async Task<string?> RunAsync(HostCampaigns campaigns, CampaignRecord campaign, string action, int? wave, CancellationToken cancellationToken)
    {
        var id = campaign.Id;
        switch (action)
        {
            case "approve":
                return await campaigns.ApproveAsync(id, wave, cancellationToken).ConfigureAwait(false) is null
                    ? $"Campaign '{id}' has no wave left to approve."
                    : null;
            case "retry":
                return await campaigns.RetryAsync(id, cancellationToken).ConfigureAwait(false) == 0
                    ? $"Campaign '{id}' has no failed or skipped repositories to retry."
                    : null;
            case "pause":
                if (campaign.Status != CampaignStatus.Running)
                {
                    return $"Campaign '{id}' is {campaign.Status}, not running.";
                }

                await campaigns.PauseAsync(id, cancellationToken).ConfigureAwait(false);
                return null;
            case "resume":
                if (campaign.Status is not (CampaignStatus.Paused or CampaignStatus.Running))
                {
                    return $"Campaign '{id}' is {campaign.Status}; nothing to resume (retry runs failures again).";
                }

                campaigns.Resume(id);
                return null;
            case "cancel":
                if (campaign.Status is not (CampaignStatus.Paused or CampaignStatus.Running))
                {
                    return $"Campaign '{id}' is {campaign.Status} already.";
                }

                await campaigns.CancelAsync(id, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return string.Create(CultureInfo.InvariantCulture, $"Unknown action '{action}': use {string.Join(", ", Names)}.");
        }
    }

    /// <summary>Which actions make sense for a campaign now (the page shows only these buttons).</summary>
    public static IEnumerable<string> Available(CampaignReport report)
    {
        var running = report.Status == CampaignStatus.Running;
        var paused = report.Status == CampaignStatus.Paused;
        if (paused && report.Repositories.Any(r => r.Status == CampaignStatus.Pending))
        {
            yield return "approve";
        }

        if (!running && report.Status != CampaignStatus.Cancelled && report.Repositories.Any(r => CampaignStatus.IsFinal(r.Status) && !CampaignStatus.IsSuccess(r.Status)))
        {
            yield return "retry";
        }

        if (running)
        {
            yield return "pause";
        }

        if (paused)
        {
            yield return "resume";
        }

        if (running || paused)
        {
            yield return "cancel";
        }
    }
}
