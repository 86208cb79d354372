namespace Honk.Server;

/// <summary>Settings of the Honk server. Secrets left null switch the matching endpoints off (they answer 404).</summary>
public sealed class HonkServerOptions
{
    /// <summary>
    /// Anonymous API keys (<c>Authorization: Bearer &lt;key&gt;</c> on <c>/api</c>): each acts as the client <c>api</c> with
    /// the <c>trigger</c> role. Prefer <see cref="ApiClients"/>, which name the client and its roles.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Named API clients, each with its key and roles. With no clients and no <see cref="ApiKeys"/>, the API is off.</summary>
    public IList<ApiClientOptions> ApiClients { get; } = [];

    /// <summary>
    /// Local folders under which remote callers (API) may name a repository by path. Paths are resolved (symbolic
    /// links followed) before the check; <c>..</c> is refused. Empty: remote callers may not name local paths.
    /// </summary>
    public IList<string> AllowedRepositoryRoots { get; } = [];

    /// <summary>
    /// Remote URL prefixes remote callers (API, GitHub) may name, e.g. <c>https://github.com/my-org/</c>. A GitHub
    /// comment acts only on its own repository, and only when that repository's clone URL is allowed here (or it is
    /// named in <see cref="Repositories"/> by <c>owner/name</c>). Empty: only named repositories.
    /// </summary>
    public IList<string> AllowedRemotes { get; } = [];

    /// <summary>The Slack app's signing secret. Null: <c>/slack/*</c> is off.</summary>
    public string? SlackSigningSecret { get; set; }

    /// <summary>The GitHub webhook secret. Null: <c>/github/webhook</c> is off.</summary>
    public string? GitHubWebhookSecret { get; set; }

    /// <summary>
    /// The Slack app's bot token (<c>xoxb-…</c>), with which <c>honk serve</c> answers in Slack threads. Null: Slack
    /// requests are acknowledged but no message is posted. An embedding app registers its own <c>SlackClient</c> instead.
    /// </summary>
    public string? SlackBotToken { get; set; }

    /// <summary>Slack's Web API address for <see cref="SlackBotToken"/>; <c>https://slack.com/api/</c> when null.</summary>
    public Uri? SlackApiUrl { get; set; }

    /// <summary>
    /// A GitHub token with which <c>honk serve</c> answers on issues and pull requests. Null: GitHub comments start sessions
    /// but get no answer. An embedding app registers its own <c>GitHubClient</c> instead.
    /// </summary>
    public string? GitHubToken { get; set; }

    /// <summary>GitHub's API address for <see cref="GitHubToken"/> (GitHub Enterprise: <c>https://host/api/v3/</c>); <c>https://api.github.com/</c> when null.</summary>
    public Uri? GitHubApiUrl { get; set; }

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

    /// <summary>The model of planning conversations (the planning page, <c>/api/plans</c>, <c>/honk plan</c>); the host's default model when null.</summary>
    public string? PlanningModel { get; set; }

    /// <summary>How many questions a planning session may ask (default 3).</summary>
    public int PlanningMaxQuestions { get; set; } = 3;

    /// <summary>The <c>pr</c> delivery channel and what happens after a pull request opens: watching, fix rounds, rebases.</summary>
    public PullRequestLoopOptions PullRequests { get; } = new();

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

        if (ApiKeys.Any(k => k.Length < 16) || ApiClients.Any(c => c.Key.Length < 16))
        {
            problems.Add("Every API key must be at least 16 characters.");
        }

        problems.AddRange(ApiClientProblems());
        if (AllowedRepositoryRoots.Any(r => !Path.IsPathFullyQualified(r)))
        {
            problems.Add("Every AllowedRepositoryRoots entry must be an absolute path.");
        }

        if (AllowedRemotes.Any(r => !RepositoryAllowList.IsRemote(r)))
        {
            problems.Add("Every AllowedRemotes entry must be a remote URL prefix such as https://github.com/my-org/.");
        }

        if (PlanningMaxQuestions is < 0 or > 20)
        {
            problems.Add("PlanningMaxQuestions must be between 0 and 20.");
        }

        if (PlanningModel is { } planningModel && !Models.ModelSpec.TryParse(planningModel, out _))
        {
            problems.Add($"PlanningModel '{planningModel}' is not valid: {Models.ModelSpec.ValidForms}.");
        }

        if (string.IsNullOrWhiteSpace(Approval.TargetBranch))
        {
            problems.Add("Approval.TargetBranch is required.");
        }

        problems.AddRange(PullRequests.Problems());

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Honk server options: " + string.Join(" ", problems));
        }
    }

    private IEnumerable<string> ApiClientProblems()
    {
        foreach (var client in ApiClients)
        {
            if (client.Name.Length == 0 || !client.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                yield return $"API client name '{client.Name}' must be non-empty letters, digits, '.', '_' or '-'.";
            }

            foreach (var role in client.Roles.Where(r => !r.Equals(ApiClientOptions.TriggerRole, StringComparison.OrdinalIgnoreCase) && !r.Equals(ApiClientOptions.ApproveRole, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"API client '{client.Name}' has the unknown role '{role}' (roles: trigger, approve).";
            }
        }

        foreach (var name in ApiClients.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"API client name '{name}' is used twice.";
        }

        if (ApiClients.Select(c => c.Key).Concat(ApiKeys).GroupBy(k => k, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            yield return "Two API clients share a key; every client needs its own.";
        }
    }
}
