namespace Honk.Server.Campaigns;

/// <summary>Settings of the campaign controller inside the host.</summary>
public sealed class HonkCampaignsOptions
{
    /// <summary>
    /// The model every campaign session uses, in the CLI's form (<c>anthropic:…</c>, <c>script:…</c>); the host's own
    /// model when <see langword="null"/>. A campaign file sent over HTTP never chooses the model.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>How often a driving controller reads the store when no job wakes it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest campaign file accepted over HTTP, in bytes. Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;
}
