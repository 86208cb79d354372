namespace Honk.Cli.Campaigns;

/// <summary>What the CLI or a worker sets on every campaign session it composes.</summary>
internal sealed record CampaignCompositionSettings
{
    /// <summary>The model when the campaign names none.</summary>
    public string? DefaultModel { get; init; }

    public bool AllowUnsandboxed { get; init; }

    public required string TranscriptDirectory { get; init; }

    public required string PatchDirectory { get; init; }

    /// <summary>GitHub for campaigns that deliver pull requests ($GITHUB_TOKEN, $GITHUB_API_URL); <see langword="null"/> without a token.</summary>
    public Delivery.GitHub.GitHubClientOptions? GitHub { get; init; }
}
