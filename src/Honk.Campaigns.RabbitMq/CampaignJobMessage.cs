using System.Text.Json;

namespace Honk.Campaigns.RabbitMq;

/// <summary>The body of a job message: which repository of which campaign. Everything else is in the store.</summary>
/// <param name="Campaign">The campaign's id.</param>
/// <param name="Position">The repository's position.</param>
internal sealed record CampaignJobMessage(string Campaign, int Position)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static CampaignJobMessage? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<CampaignJobMessage>(body, Json);
            return message is { Campaign.Length: > 0, Position: >= 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
