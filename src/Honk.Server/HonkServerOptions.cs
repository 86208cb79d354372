namespace Honk.Server;

/// <summary>Settings of the Honk server. Secrets left null switch the matching endpoints off (they answer 404).</summary>
public sealed class HonkServerOptions
{
    /// <summary>API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c> on <c>/api</c>. Empty: the API is off.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>The Slack app's signing secret. Null: <c>/slack/*</c> is off.</summary>
    public string? SlackSigningSecret { get; set; }

    /// <summary>The GitHub webhook secret. Null: <c>/github/webhook</c> is off.</summary>
    public string? GitHubWebhookSecret { get; set; }

    /// <summary>The key that signs review links and login tokens (at least 32 characters). A random per-process key when null.</summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>The server's public address, used in links sent to Slack and GitHub (e.g. <c>https://honk.example.com/</c>).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Largest request body accepted on the webhooks and the API; larger ones get 413. Default 1 MB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long webhook delivery and event ids are remembered against replays. Default 3 days.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a review link stays valid. Default 7 days.</summary>
    public TimeSpan ReviewLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Who may start sessions and who may approve them.</summary>
    public HonkAccessOptions Access { get; } = new();

    /// <summary>Named repositories (name → local path or git URL). Slack text may start with a name; GitHub comments use the webhook's repository.</summary>
    public IDictionary<string, string> Repositories { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The repository a Slack request without a repository name works on.</summary>
    public string? DefaultRepository { get; set; }

    /// <summary>The GitHub mention handle that starts work in a comment (<c>@honk</c>), without the <c>@</c>.</summary>
    public string GitHubMention { get; set; } = "honk";

    /// <summary>How Approve lands the change.</summary>
    public ApprovalOptions Approval { get; } = new();

    /// <summary>Checks the settings; throws <see cref="InvalidOperationException"/> naming every problem.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (LinkSigningKey is { Length: < 32 })
        {
            problems.Add("LinkSigningKey must be at least 32 characters.");
        }

        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add("MaxBodyBytes must be between 1 KB and 64 MB.");
        }

        if (ReplayWindow < TimeSpan.FromMinutes(10))
        {
            problems.Add("ReplayWindow must be at least 10 minutes (Slack retries for up to an hour).");
        }

        if (ReviewLinkLifetime <= TimeSpan.Zero)
        {
            problems.Add("ReviewLinkLifetime must be positive.");
        }

        if (ApiKeys.Any(k => k.Length < 16))
        {
            problems.Add("Every API key must be at least 16 characters.");
        }

        if (string.IsNullOrWhiteSpace(Approval.TargetBranch))
        {
            problems.Add("Approval.TargetBranch is required.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Honk server options: " + string.Join(" ", problems));
        }
    }
}
