namespace Honk.Server;

/// <summary>
/// What Honk does with its pull requests after they open (configuration section <c>Honk:PullRequests</c>): the
/// <c>pr</c> delivery channel's settings, watching the checks (webhooks, and polling as the fallback), fix rounds and
/// rebases. See docs/pull-requests.md.
/// </summary>
public sealed class PullRequestLoopOptions
{
    /// <summary>
    /// Sessions the server starts (Slack, GitHub, the API) are delivered as pull requests: pushed, then opened or updated
    /// through the GitHub API (needs <c>GitHubToken</c>). Default <see langword="false"/>: pushed only.
    /// </summary>
    public bool Deliver { get; set; }

    /// <summary>Whether delivered pull requests are watched at all (fix rounds, rebases). Default <see langword="true"/> (needs a <c>GitHubClient</c>).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>At most this many fix rounds per pull request before Honk stops and says why. Default 2; 0 only reports.</summary>
    public int MaxFixRounds { get; set; } = 2;

    /// <summary>At most this many conflict-resolving sessions per pull request (clean rebases need none). Default 2.</summary>
    public int MaxRebaseRounds { get; set; } = 2;

    /// <summary>
    /// Rebase a pull request that is merely <c>behind</c> its base (no conflicts). Default <see langword="false"/>: only
    /// conflicting (<c>dirty</c>) pull requests are rebased; turn it on when the repository requires up-to-date branches.
    /// </summary>
    public bool RebaseWhenBehind { get; set; }

    /// <summary>How often every watched pull request is read when no webhook woke the watcher. Default 2 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest wait between polls after GitHub failed (the interval doubles per failure up to this). Default 30 minutes.</summary>
    public TimeSpan MaxPollBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many (newest) delivered sessions are looked at per poll. Default 50.</summary>
    public int MaxWatched { get; set; } = 50;

    /// <summary>
    /// The repository pull requests are opened on, <c>owner/name</c>, for sessions whose repository URL does not name
    /// it (a local path). Null: taken from the repository URL (<c>https://host/owner/name(.git)</c>) or the GitHub origin.
    /// </summary>
    public string? Repository { get; set; }

    /// <summary>Open new pull requests as drafts. Default <see langword="false"/>.</summary>
    public bool Draft { get; set; }

    /// <summary>Labels added to every pull request.</summary>
    public IList<string> Labels { get; } = [];

    /// <summary>The base branch; the repository's default branch when null.</summary>
    public string? BaseBranch { get; set; }

    /// <summary>Committer of clean rebases.</summary>
    public string CommitterName { get; set; } = "Honk";

    /// <summary>Committer e-mail of clean rebases.</summary>
    public string CommitterEmail { get; set; } = "honk@localhost";

    internal IEnumerable<string> Problems()
    {
        if (MaxFixRounds is < 0 or > 10)
        {
            yield return "PullRequests:MaxFixRounds must be between 0 and 10.";
        }

        if (MaxRebaseRounds is < 0 or > 10)
        {
            yield return "PullRequests:MaxRebaseRounds must be between 0 and 10.";
        }

        if (PollInterval < TimeSpan.FromSeconds(1) || MaxPollBackoff < PollInterval)
        {
            yield return "PullRequests:PollInterval must be at least 1 second, and MaxPollBackoff at least PollInterval.";
        }

        if (MaxWatched is < 1 or > 1000)
        {
            yield return "PullRequests:MaxWatched must be between 1 and 1000.";
        }

        if (Repository is not null && Repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            yield return $"PullRequests:Repository must be owner/name; got '{Repository}'.";
        }
    }
}
