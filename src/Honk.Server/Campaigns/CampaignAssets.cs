using Microsoft.AspNetCore.Http;

namespace Honk.Server.Campaigns;

/// <summary>The campaign page's stylesheet, embedded like the review page's (no static files, no CDN).</summary>
internal static class CampaignAssets
{
    private static readonly byte[] Css = Load("campaign.css");

    public static IResult Get(string name)
        => name == "campaign.css" ? Results.File(Css, "text/css; charset=utf-8") : Results.NotFound();

    private static byte[] Load(string name)
    {
        using var stream = typeof(CampaignAssets).Assembly.GetManifestResourceStream("Honk.Server.Campaigns.Assets." + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
