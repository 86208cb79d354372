using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Honk.Delivery.GitHub;
using Honk.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Server;

/// <summary>
/// Looks after a session's pull request once it is delivered: reads its checks and mergeability through the GitHub
/// client, records each head's final check state in the host's store (effect <c>pr-checks:&lt;sha&gt;</c>), starts a fix
/// round when a check fails (a follow-up session on the pull request's own branch, the CI failure as its task, at most
/// <see cref="PullRequestLoopOptions.MaxFixRounds"/>), rebases a conflicting branch (cleanly without a model, else a
/// session resolves the conflicts), and says on the pull request when it stops and why.
/// </summary>
/// <remarks>
/// At most once across crashes without a ledger of its own: round sessions have ids derived from the delivered
/// session (<c>&lt;id&gt;-fix-1</c>, <c>&lt;id&gt;-rebase-1</c>) that the store refuses twice, comments carry a marker and
/// are posted once (<see cref="GitHubClient.CreateIssueCommentOnceAsync"/>), and pushes go with lease. Every decision is
/// re-derived from GitHub and the store on each look, so a look interrupted anywhere is simply repeated.
/// </remarks>
public sealed class PullRequestWatcher
{
    /// <summary>The effect recording that a pull request is merged or closed (so it is not read again).</summary>
    public const string ClosedEffectKey = "pr-watch:closed";

    /// <summary>The prefix of the effects recording each head's final check state (<c>pr-checks:&lt;sha&gt;</c>).</summary>
    public const string ChecksEffectPrefix = "pr-checks:";

    private readonly HonkHost _host;
    private readonly GitHubClient _github;
    private readonly PullRequestLoopOptions _options;
    private readonly IReadOnlyCollection<string> _requiredChecks;
    private readonly PullRequestRebaser _rebaser;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _commented = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IPullRequestChecksObserver> _observers;

    /// <summary>Creates a watcher.</summary>
    /// <param name="host">The host whose sessions delivered the pull requests (and runs the rounds).</param>
    /// <param name="github">The GitHub client.</param>
    /// <param name="options">Rounds, rebases, polling.</param>
    /// <param name="requiredChecks">Checks whose failure starts a fix round; empty: any failing check.</param>
    /// <param name="logger">Logs each step.</param>
    /// <param name="observers">Told what each look saw (the review page's live checks, the Slack thread).</param>
    public PullRequestWatcher(
        HonkHost host, GitHubClient github, PullRequestLoopOptions options, IReadOnlyCollection<string>? requiredChecks = null, ILogger? logger = null,
        IEnumerable<IPullRequestChecksObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        _github = github;
        _options = options;
        _requiredChecks = requiredChecks ?? [];
        _rebaser = new PullRequestRebaser(options.CommitterName, options.CommitterEmail);
        _logger = logger ?? NullLogger.Instance;
        _observers = [.. observers ?? []];
    }

    /// <summary>Whether a session is a fix or rebase round (watched through the session it continues, not on its own).</summary>
    /// <param name="record">The session.</param>
    /// <returns><see langword="true"/> for <c>&lt;parent&gt;-fix-N</c> and <c>&lt;parent&gt;-rebase-N</c>.</returns>
    public static bool IsRound(SessionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Request.ParentSessionId is { } parent
            && (record.Id.StartsWith(parent + "-fix-", StringComparison.Ordinal) || record.Id.StartsWith(parent + "-rebase-", StringComparison.Ordinal));
    }

    /// <summary>Looks at every recently delivered pull request (the newest <see cref="PullRequestLoopOptions.MaxWatched"/> succeeded sessions).</summary>
    /// <param name="cancellationToken">Stops the look.</param>
    /// <returns>One step per pull request looked at.</returns>
    public async Task<IReadOnlyList<PullRequestStep>> CheckAllAsync(CancellationToken cancellationToken = default)
    {
        var sessions = await _host.ListAsync(new SessionQuery { Statuses = [HostedSessionStatus.Succeeded], Limit = _options.MaxWatched }, cancellationToken).ConfigureAwait(false);
        var steps = new List<PullRequestStep>();
        foreach (var session in sessions.Where(s => !IsRound(s) && PullRequestApproval.Find(s.Result!) is not null))
        {
            steps.Add(await CheckAsync(session.Id, cancellationToken).ConfigureAwait(false));
        }

        return steps;
    }

    /// <summary>Looks at one session's pull request and takes the next step.</summary>
    /// <param name="sessionId">The session that delivered the pull request (not a round).</param>
    /// <param name="cancellationToken">Stops the look.</param>
    /// <returns>What was found or done; GitHub and git failures are <see cref="PullRequestStepKind.Error"/> steps.</returns>
    public async Task<PullRequestStep> CheckAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        try
        {
            var step = await StepAsync(sessionId, cancellationToken).ConfigureAwait(false);
            PullRequestLog.Step(_logger, sessionId, step.Kind.ToString(), step.Message);
            return step;
        }
        catch (Exception ex) when (ex is GitHubApiException or HttpRequestException or IOException)
        {
            PullRequestLog.StepFailed(_logger, ex, sessionId);
            return new PullRequestStep(sessionId, PullRequestStepKind.Error, ex.Message);
        }
    }

    private async Task<PullRequestStep> StepAsync(string sessionId, CancellationToken ct)
    {
        var root = await _host.GetAsync(sessionId, ct).ConfigureAwait(false);
        if (root?.Result is not { } result || !root.Status.IsFinal() || PullRequestApproval.Find(result) is not { } pr)
        {
            return new PullRequestStep(sessionId, PullRequestStepKind.NotWatched, "No delivered pull request.");
        }

        if (await _host.Store.GetEffectAsync(sessionId, ClosedEffectKey, ct).ConfigureAwait(false) is { State: EffectState.Succeeded })
        {
            return new PullRequestStep(sessionId, PullRequestStepKind.Closed, $"{pr} is closed.");
        }

        var fixes = await RoundsAsync(sessionId, "fix", ct).ConfigureAwait(false);
        var rebases = await RoundsAsync(sessionId, "rebase", ct).ConfigureAwait(false);
        if (fixes.Concat(rebases).FirstOrDefault(r => !r.Status.IsFinal()) is { } running)
        {
            // A look interrupted between queueing the round and commenting leaves no comment: say it now (once).
            await CommentOnceAsync(pr, "round:" + running.Id, $"🔧 Honk is working on this pull request: {running.Request.Task.Title} (session `{running.Id}`).", ct).ConfigureAwait(false);
            return new PullRequestStep(sessionId, PullRequestStepKind.RoundInProgress, $"{running.Id} is {running.Status.ToWireName()}.", running.Id);
        }

        var pull = await _github.GetPullRequestAsync(pr.Owner, pr.Repository, pr.Number, ct).ConfigureAwait(false);
        var seen = new PullRequestChecks { SessionId = sessionId, PullRequest = pr.ToString(), Url = PullRequestApproval.FindDelivery(result)?.Url, State = "pending", Head = pull.Head?.Sha };
        if (pull.Merged || pull.State == "closed")
        {
            await NotifyAsync(root, seen with { State = pull.Merged ? "merged" : "closed", Head = null }, ct).ConfigureAwait(false);
            if (await _host.Store.TryBeginEffectAsync(sessionId, ClosedEffectKey, ct).ConfigureAwait(false))
            {
                await _host.Store.CompleteEffectAsync(sessionId, ClosedEffectKey, true, JsonSerializer.Serialize(pull.Merged ? "merged" : "closed"), CancellationToken.None).ConfigureAwait(false);
            }

            return new PullRequestStep(sessionId, PullRequestStepKind.Closed, $"{pr} is {(pull.Merged ? "merged" : "closed")}.");
        }

        if (pull.Head is not { Sha: { } head, Ref: { Length: > 0 } branch } || pull.Base is not { Ref: { Length: > 0 } baseBranch })
        {
            return new PullRequestStep(sessionId, PullRequestStepKind.Error, $"GitHub did not say {pr}'s head and base.");
        }

        await ReconcileRebaseAsync(root.Id, pr, branch, baseBranch, head, ct).ConfigureAwait(false);
        var conflicting = pull.MergeableState == "dirty" || pull.Mergeable == false;
        if (conflicting || (pull.MergeableState == "behind" && _options.RebaseWhenBehind))
        {
            await NotifyAsync(root, seen with { State = conflicting ? "conflicting" : "pending" }, ct).ConfigureAwait(false);
            return await RebaseAsync(root, pr, rebases, branch, baseBranch, head, pull.Base.Sha, ct).ConfigureAwait(false);
        }

        return await ChecksAsync(root, pr, fixes, branch, head, seen, ct).ConfigureAwait(false);
    }

    private async Task<PullRequestStep> ChecksAsync(
        SessionRecord root, GitHubPullRequestReference pr, IReadOnlyList<SessionRecord> fixes, string branch, string head, PullRequestChecks seen, CancellationToken ct)
    {
        var runs = await _github.ListCheckRunsAsync(pr.Owner, pr.Repository, head, ct).ConfigureAwait(false);
        var statuses = await _github.ListCommitStatusesAsync(pr.Owner, pr.Repository, head, ct).ConfigureAwait(false);
        var checks = runs.Select(r => new PullRequestCheck(r.Name, r.Status == "completed" ? r.Conclusion ?? "failure" : r.Status, r.DetailsUrl))
            .Concat(statuses.Select(s => new PullRequestCheck(s.Context, s.State, s.TargetUrl))).ToList();
        var running = runs.Any(r => r.Status != "completed") || statuses.Any(s => s.State == "pending");
        var anyFailed = runs.Any(r => r.Failed) || statuses.Any(s => s.State is "failure" or "error");
        await NotifyAsync(root, seen with { State = checks.Count == 0 || running ? "pending" : anyFailed ? "failing" : "green", Checks = checks }, ct).ConfigureAwait(false);
        if (runs.Count == 0 && statuses.Count == 0)
        {
            return new PullRequestStep(root.Id, PullRequestStepKind.Pending, $"No checks on {PullRequestRebaser.Short(head)} yet.");
        }

        if (running)
        {
            return new PullRequestStep(root.Id, PullRequestStepKind.Pending, $"Checks on {PullRequestRebaser.Short(head)} are still running.");
        }

        var failing = runs.Where(r => r.Failed).Select(r => r.Name)
            .Concat(statuses.Where(s => s.State is "failure" or "error").Select(s => s.Context)).Distinct(StringComparer.Ordinal).ToList();
        await RecordChecksAsync(root.Id, head, runs, statuses, failing, ct).ConfigureAwait(false);
        if (failing.Count == 0)
        {
            return new PullRequestStep(root.Id, PullRequestStepKind.Green, $"Every check on {PullRequestRebaser.Short(head)} passed.");
        }

        if (_requiredChecks.Count > 0 && !failing.Any(_requiredChecks.Contains))
        {
            return new PullRequestStep(root.Id, PullRequestStepKind.Reported, $"Only checks that are not required fail: {string.Join(", ", failing)}.");
        }

        // A round that pushed is done before GitHub shows its commit as the head: wait rather than fix the old head again.
        if (fixes.LastOrDefault() is { Status: HostedSessionStatus.Succeeded, Result.Commit: { } pushed } last
            && last.Request.BaseRef == head && !string.Equals(pushed, head, StringComparison.OrdinalIgnoreCase))
        {
            return new PullRequestStep(root.Id, PullRequestStepKind.Pending, $"Waiting for GitHub to show {last.Id}'s commit {PullRequestRebaser.Short(pushed)}.");
        }

        var report = await CiFailureFeedback.BuildAsync(_github, pr, ct).ConfigureAwait(false);
        var feedback = report?.Feedback ?? StatusFeedback(statuses, report);
        if (feedback is null)
        {
            var onBase = report?.FailingOnBase ?? [];
            await CommentOnceAsync(pr, $"ci-base:{root.Id}@{head}",
                $"⚠️ {string.Join(", ", onBase.Select(n => $"`{n}`"))} fail on the base branch too, so Honk is not \"fixing\" them here. Fix the base first; this pull request's own checks are otherwise green.", ct).ConfigureAwait(false);
            return new PullRequestStep(root.Id, PullRequestStepKind.Reported, $"Failing on the base branch as well: {string.Join(", ", onBase)}.");
        }

        if (fixes.Count >= _options.MaxFixRounds)
        {
            await CommentOnceAsync(pr, $"ci-gave-up:{root.Id}",
                $"🛑 Honk stopped after {fixes.Count.ToString(CultureInfo.InvariantCulture)} fix round(s): {string.Join(", ", failing.Select(n => $"`{n}`"))} still fail on {PullRequestRebaser.Short(head)}. Over to a human.\n\n```\n{feedback}\n```", ct).ConfigureAwait(false);
            return new PullRequestStep(root.Id, PullRequestStepKind.GaveUp, $"{failing.Count.ToString(CultureInfo.InvariantCulture)} check(s) still fail after {fixes.Count.ToString(CultureInfo.InvariantCulture)} fix round(s).");
        }

        var n = fixes.Count + 1;
        var goal = $"The pull request {pr} (branch {branch}) fails its CI on commit {head}. Fix these failures on this branch, keeping what the change does; change nothing else.\n\n{feedback}\nThe change's original task:\n{root.Request.Task.Goal}";
        var id = await StartRoundAsync(root, "fix", n, $"CI fix round {n.ToString(CultureInfo.InvariantCulture)}/{_options.MaxFixRounds.ToString(CultureInfo.InvariantCulture)}", goal, branch, head, ct).ConfigureAwait(false);
        await CommentOnceAsync(pr, "round:" + id,
            $"🔧 CI failed on {PullRequestRebaser.Short(head)} ({string.Join(", ", failing.Select(c => $"`{c}`"))}). Honk is fixing it on this branch: round {n.ToString(CultureInfo.InvariantCulture)} of {_options.MaxFixRounds.ToString(CultureInfo.InvariantCulture)} (session `{id}`).", ct).ConfigureAwait(false);
        return new PullRequestStep(root.Id, PullRequestStepKind.FixStarted, $"Fix round {n.ToString(CultureInfo.InvariantCulture)} started for {string.Join(", ", failing)}.", id);
    }

    private async Task<PullRequestStep> RebaseAsync(
        SessionRecord root, GitHubPullRequestReference pr, IReadOnlyList<SessionRecord> rebases, string branch, string baseBranch, string head, string? baseSha, CancellationToken ct)
    {
        if (rebases.LastOrDefault() is { } last && last.Request.BaseRef == head && last.Status != HostedSessionStatus.Succeeded)
        {
            // The conflict session for this very head failed: trying the same again would fail the same way.
            await CommentOnceAsync(pr, $"rebase-stuck:{root.Id}@{head}", $"🛑 Honk could not resolve the conflicts of `{branch}` with `{baseBranch}` ({last.Id} {last.Status.ToWireName()}). Over to a human.", ct).ConfigureAwait(false);
            return new PullRequestStep(root.Id, PullRequestStepKind.GaveUp, $"{last.Id} did not resolve the conflicts.");
        }

        // The rebased commit is recorded as begun before it is pushed: a crash between the push and the record leaves a
        // begun effect naming the very commit the next look finds as the head (see ReconcileRebaseAsync).
        var outcome = await _rebaser.RebaseAsync(
            root.Request.Repository, branch, baseBranch, head, ct,
            async (rebased, token) => await _host.Store.TryBeginEffectAsync(root.Id, PullRequestApproval.RebasedEffectPrefix + rebased, token).ConfigureAwait(false)).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case RebaseOutcomeKind.Rebased:
                // Honk pushed this head (the reviewed change, replayed on the base): approving the session may merge it.
                await _host.Store.CompleteEffectAsync(root.Id, PullRequestApproval.RebasedEffectPrefix + outcome.NewHead, true, JsonSerializer.Serialize(head), CancellationToken.None).ConfigureAwait(false);
                await CommentOnceAsync(pr, $"rebase:{root.Id}@{outcome.NewHead}", $"🔁 {outcome.Message} The checks run again on the new head.", ct).ConfigureAwait(false);
                return new PullRequestStep(root.Id, PullRequestStepKind.Rebased, outcome.Message);
            case RebaseOutcomeKind.HeadMoved or RebaseOutcomeKind.UpToDate:
                return new PullRequestStep(root.Id, PullRequestStepKind.Pending, outcome.Message);
            case RebaseOutcomeKind.Failed:
                return new PullRequestStep(root.Id, PullRequestStepKind.Error, outcome.Message);
        }

        if (rebases.Count >= _options.MaxRebaseRounds)
        {
            await CommentOnceAsync(pr, $"rebase-gave-up:{root.Id}", $"🛑 {outcome.Message} Honk used its {rebases.Count.ToString(CultureInfo.InvariantCulture)} conflict round(s). Over to a human.", ct).ConfigureAwait(false);
            return new PullRequestStep(root.Id, PullRequestStepKind.GaveUp, outcome.Message);
        }

        var n = rebases.Count + 1;
        var onto = baseSha ?? baseBranch;
        var goal = $"The branch {branch} of pull request {pr} conflicts with its base {baseBranch} (commit {onto}) in: {string.Join(", ", outcome.ConflictingFiles ?? [])}. "
            + $"Honk has started merging the base into this branch: the merge is in progress and those files hold git's conflict markers (<<<<<<<, =======, >>>>>>>). "
            + "Resolve every conflict, keeping both the base's changes and this change's intent; remove every marker; `git add` each resolved file; make the build and tests pass. "
            + $"Do not commit: Honk commits the merge with both parents.\n\nThe change's original task:\n{root.Request.Task.Goal}";
        var id = await StartRoundAsync(root, "rebase", n, $"Resolve conflicts with {baseBranch}", goal, branch, head, ct).ConfigureAwait(false);
        await CommentOnceAsync(pr, "round:" + id, $"🔀 {outcome.Message} Honk is resolving the conflicts on this branch (session `{id}`).", ct).ConfigureAwait(false);
        return new PullRequestStep(root.Id, PullRequestStepKind.RebaseStarted, outcome.Message, id);
    }

    /// <summary>
    /// The reality check of a clean rebase: a <c>pr-rebased:&lt;sha&gt;</c> effect begun (or failed) for the very commit
    /// GitHub shows as the head means the push happened and the host stopped before recording it. That commit existed
    /// only in Honk's throw-away clone, so nobody else can have pushed it: record it and say so, once; nothing is redone.
    /// </summary>
    private async Task ReconcileRebaseAsync(string rootId, GitHubPullRequestReference pr, string branch, string baseBranch, string head, CancellationToken ct)
    {
        var key = PullRequestApproval.RebasedEffectPrefix + head;
        if (await _host.Store.GetEffectAsync(rootId, key, ct).ConfigureAwait(false) is not { State: EffectState.Begun or EffectState.Failed })
        {
            return;
        }

        await _host.Store.CompleteEffectAsync(rootId, key, true, JsonSerializer.Serialize("found as the head after an interrupted look"), CancellationToken.None).ConfigureAwait(false);
        PullRequestLog.Step(_logger, rootId, "Reconciled", $"{pr}'s head {PullRequestRebaser.Short(head)} is the clean rebase an interrupted look pushed.");
        await CommentOnceAsync(pr, $"rebase:{rootId}@{head}", $"🔁 Rebased {branch} onto {baseBranch}: now at {PullRequestRebaser.Short(head)}. The checks run again on the new head.", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a round as a follow-up of the delivered session: same repository, model, judge and delivery (so it pushes
    /// to the same branch and the <c>pr</c> channel updates the same pull request), starting at the head it fixes. The id
    /// is derived, so a second attempt after a crash finds the first instead of queueing another.
    /// </summary>
    private async Task<string> StartRoundAsync(SessionRecord root, string kind, int n, string title, string goal, string branch, string head, CancellationToken ct)
    {
        var id = $"{root.Id}-{kind}-{n.ToString(CultureInfo.InvariantCulture)}";
        var rootTitle = root.Request.Task.Title ?? root.Request.Task.Goal.Split('\n', 2)[0];
        var fullTitle = $"{title}: {rootTitle}";
        var request = root.Request with
        {
            Task = new CodingTask(goal) { Title = fullTitle.Length <= 72 ? fullTitle : fullTitle[..72], Requester = root.Request.Task.Requester },
            Branch = branch,
            BaseRef = head,
            ParentSessionId = root.Id,
        };
        try
        {
            await _host.Store.CreateAsync(id, request, branch, ct).ConfigureAwait(false);
            PullRequestLog.RoundQueued(_logger, id, root.Id);
        }
        catch (InvalidOperationException)
        {
            // The store refuses an id twice: an earlier look queued it and was interrupted before saying so.
            _ = await _host.GetAsync(id, CancellationToken.None).ConfigureAwait(false) ?? throw new IOException($"Could not queue {id}.");
        }

        return id;
    }

    /// <summary>The rounds of one kind so far, in order (<c>&lt;id&gt;-fix-1</c>, <c>-fix-2</c>, …).</summary>
    private async Task<IReadOnlyList<SessionRecord>> RoundsAsync(string rootId, string kind, CancellationToken ct)
    {
        var rounds = new List<SessionRecord>();
        var max = kind == "fix" ? _options.MaxFixRounds : _options.MaxRebaseRounds;
        for (var n = 1; n <= max; n++)
        {
            if (await _host.GetAsync($"{rootId}-{kind}-{n.ToString(CultureInfo.InvariantCulture)}", ct).ConfigureAwait(false) is not { } round)
            {
                break;
            }

            rounds.Add(round);
        }

        return rounds;
    }

    /// <summary>Each head's final check state, once, in the delivered session's effects (shown with its other effects).</summary>
    private async Task RecordChecksAsync(string rootId, string head, IReadOnlyList<GitHubCheckRun> runs, IReadOnlyList<GitHubCommitStatus> statuses, IReadOnlyList<string> failing, CancellationToken ct)
    {
        var key = ChecksEffectPrefix + head;
        if (!await _host.Store.TryBeginEffectAsync(rootId, key, ct).ConfigureAwait(false))
        {
            return;
        }

        var checks = runs.Select(r => new { name = r.Name, conclusion = r.Conclusion, url = r.DetailsUrl?.ToString() })
            .Concat(statuses.Select(s => new { name = s.Context, conclusion = (string?)s.State, url = s.TargetUrl?.ToString() }));
        var json = JsonSerializer.Serialize(new { state = failing.Count == 0 ? "green" : "failing", failing, checks });
        await _host.Store.CompleteEffectAsync(rootId, key, true, json, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Tells every observer what this look saw; an observer's failure (Slack down) is logged, never fatal to the look.</summary>
    private async Task NotifyAsync(SessionRecord root, PullRequestChecks checks, CancellationToken ct)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.ChecksSeenAsync(root, checks, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // An observer (Slack, the page) must not stop the pull-request loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                PullRequestLog.ObserverFailed(_logger, ex, root.Id, observer.GetType().Name);
            }
        }
    }

    private static readonly Transcripts.SecretRedactor OutputRedactor = Transcripts.SecretRedactor.Create();

    private async Task CommentOnceAsync(GitHubPullRequestReference pr, string key, string body, CancellationToken ct)
    {
        if (_commented.ContainsKey(key))
        {
            return;
        }

        var marker = $"<!-- honk-pr: {key.Replace("--", "- -", StringComparison.Ordinal)} -->";

        // Comments quote CI logs and task text, and a pull request may be public: secrets never leave in them, and
        // nobody is @-mentioned or an issue closed by a log line (ADR 0039).
        await _github.CreateIssueCommentOnceAsync(pr.Owner, pr.Repository, pr.Number, QuietMarkdown.Neutralise(OutputRedactor.Redact(body)), marker, ct).ConfigureAwait(false);
        _commented[key] = true;
    }

    /// <summary>Feedback from failing commit statuses (external CI without check runs): their descriptions.</summary>
    private static string? StatusFeedback(IReadOnlyList<GitHubCommitStatus> statuses, CiFailureReport? report)
    {
        var failing = statuses.Where(s => s.State is "failure" or "error").Where(s => report is null || !report.FailingOnBase.Contains(s.Context)).ToList();
        return failing.Count == 0 ? null : "The pull request's CI failed:\n" + string.Join('\n', failing.Select(s => $"- {s.Context} ({s.State}): {s.Description}"));
    }
}
