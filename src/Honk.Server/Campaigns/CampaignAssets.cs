using Microsoft.AspNetCore.Http;

namespace Honk.Server.Campaigns;

/// <summary>The campaign page's stylesheet and live-update script, embedded like the review page's (no static files, no CDN).</summary>
internal static class CampaignAssets
{
    private static readonly byte[] Css = Load("campaign.css");
    private static readonly byte[] Script = Load("campaign.js");

    public static IResult Get(string name) => name switch
    {
        "campaign.css" => Results.File(Css, "text/css; charset=utf-8"),
        "campaign.js" => Results.File(Script, "text/javascript; charset=utf-8"),
        _ => Results.NotFound(),
    };

    private static byte[] Load(string name)
    {
        using var stream = typeof(CampaignAssets).Assembly.GetManifestResourceStream("Honk.Server.Campaigns.Assets." + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
