using Honk.Campaigns;

namespace Honk.Cli.Campaigns;

/// <summary>The fixed <c>honk campaign run --json</c> object (see <see cref="CampaignReportJson"/>, shared with the host's API).</summary>
internal static class CampaignJson
{
    public static string Render(CampaignReport report) => CampaignReportJson.Render(report);

    public static string RenderError(string message) => CampaignReportJson.RenderError(message);
}
