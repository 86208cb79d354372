using Honk.Campaigns;

namespace Honk.Server.Campaigns;

/// <summary>What the campaign page shows one viewer.</summary>
/// <param name="Report">The rollup.</param>
/// <param name="Token">The viewer's token (posted by the buttons, sent with the live updates).</param>
/// <param name="MayAct">Whether the viewer may use the bulk actions.</param>
/// <param name="ReviewLink">A session's review page, signed for the viewer.</param>
internal sealed record CampaignPageView(CampaignReport Report, string Token, bool MayAct, Func<string, string> ReviewLink);
