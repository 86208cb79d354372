namespace Honk.Campaigns;

/// <summary>A campaign as the store holds it.</summary>
public sealed record CampaignRecord
{
    /// <summary>The campaign's id.</summary>
    public required string Id { get; init; }

    /// <summary>What it runs and how it rolls out.</summary>
    public required CampaignSpec Spec { get; init; }

    /// <summary>Its state: one of the campaign values of <see cref="CampaignStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it is paused, cancelled or failed; how it ended.</summary>
    public string? Message { get; init; }

    /// <summary>Waves up to this index may start even when the gate or approval would hold them (set by approve).</summary>
    public int ApprovedWave { get; init; }

    /// <summary>A pending request from a person: <c>pause</c>, <c>cancel</c>, or <see langword="null"/>.</summary>
    public string? Requested { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
