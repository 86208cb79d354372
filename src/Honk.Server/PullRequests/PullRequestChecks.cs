namespace Honk.Server;

/// <summary>
/// What the watcher last saw of a delivered session's pull request: its state and the check runs and commit statuses on
/// its head. Published to every <see cref="IPullRequestChecksObserver"/> at each look (the review page's live list, the
/// Slack thread); the final state of each head is also recorded in the store as effect <c>pr-checks:&lt;sha&gt;</c>.
/// </summary>
public sealed record PullRequestChecks
{
    /// <summary>The delivered session the pull request belongs to (not a round).</summary>
    public required string SessionId { get; init; }

    /// <summary>The pull request, <c>owner/repo#n</c>.</summary>
    public required string PullRequest { get; init; }

    /// <summary>The pull request's web address.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// <c>pending</c> (checks running or none yet), <c>green</c> (every check passed), <c>failing</c>, <c>conflicting</c>
    /// (needs a rebase), <c>merged</c> or <c>closed</c>.
    /// </summary>
    public required string State { get; init; }

    /// <summary>The head commit the checks ran on (null once merged or closed).</summary>
    public string? Head { get; init; }

    /// <summary>The check runs and commit statuses on the head.</summary>
    public IReadOnlyList<PullRequestCheck> Checks { get; init; } = [];

    /// <summary>Whether <see cref="State"/> is final for the head (<c>green</c> or <c>failing</c>).</summary>
    public bool IsFinalForHead => State is "green" or "failing";

    /// <summary>Increases with every change the <see cref="PullRequestCheckBoard"/> publishes (0 before).</summary>
    public long Version { get; init; }
}

/// <summary>One check run or commit status on a pull request's head.</summary>
/// <param name="Name">The check run's name or the status's context.</param>
/// <param name="State">
/// <c>queued</c>/<c>in_progress</c>/<c>pending</c> while running; then the conclusion (<c>success</c>, <c>failure</c>,
/// <c>neutral</c>, <c>skipped</c>, <c>cancelled</c>, <c>timed_out</c>, <c>action_required</c>) or the status's state
/// (<c>success</c>, <c>failure</c>, <c>error</c>).
/// </param>
/// <param name="Url">The check's details page (check run <c>details_url</c>, status <c>target_url</c>).</param>
public sealed record PullRequestCheck(string Name, string State, Uri? Url)
{
    /// <summary><c>passed</c>, <c>failed</c> or <c>running</c>: how the page and Slack show it.</summary>
    public string Outcome => State switch
    {
        "success" or "neutral" or "skipped" => "passed",
        "queued" or "in_progress" or "pending" or "waiting" or "requested" => "running",
        _ => "failed",
    };
}

/// <summary>Is told what the pull-request watcher saw at each look (register in DI; the watcher finds every one).</summary>
public interface IPullRequestChecksObserver
{
    /// <summary>Called after each look at a delivered session's pull request; failures are logged and do not stop the watcher.</summary>
    /// <param name="session">The delivered session (not a round).</param>
    /// <param name="checks">What was seen.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    Task ChecksSeenAsync(Honk.Hosting.SessionRecord session, PullRequestChecks checks, CancellationToken cancellationToken);
}
