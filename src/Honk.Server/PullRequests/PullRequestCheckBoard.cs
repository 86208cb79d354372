using System.Collections.Concurrent;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// The latest <see cref="PullRequestChecks"/> of each watched pull request, in memory, with a way to wait for the next
/// change: the review page streams it, so checks appear and turn green or red without a reload. At start it is loaded
/// from the store (<see cref="RestoreAsync"/>: each pull request's last recorded final state), so a restarted host
/// shows the checks before its first look. A read API for anyone else (e.g. a campaign rollup): <see cref="Get"/>.
/// </summary>
public sealed class PullRequestCheckBoard : IPullRequestChecksObserver
{
    private readonly ConcurrentDictionary<string, PullRequestChecks> _latest = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>The latest checks of a delivered session's pull request.</summary>
    /// <param name="sessionId">The delivered session (for a fix or rebase round, its parent).</param>
    /// <returns>The checks, or <see langword="null"/> when the watcher has not looked at it since the host started.</returns>
    public PullRequestChecks? Get(string sessionId) => _latest.TryGetValue(sessionId, out var checks) ? checks : null;

    /// <summary>Records what the watcher saw; a look that saw the same as the last one changes nothing.</summary>
    /// <param name="checks">What was seen.</param>
    /// <returns>Whether it changed.</returns>
    public bool Publish(PullRequestChecks checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_latest)
        {
            if (_latest.TryGetValue(checks.SessionId, out var last) && Same(last, checks))
            {
                return false;
            }

            _latest[checks.SessionId] = checks with { Version = Interlocked.Increment(ref _version) };
        }

        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return true;
    }

    /// <summary>
    /// Loads the last recorded state of the newest delivered pull requests from the store: merged or closed
    /// (<c>pr-watch:closed</c>), else the newest head's final checks (<c>pr-checks:&lt;sha&gt;</c>). A pull request a look has
    /// already published is left as the look saw it.
    /// </summary>
    /// <param name="host">The host whose store holds the records.</param>
    /// <param name="maxSessions">How many of the newest succeeded sessions to read.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>How many pull requests were loaded.</returns>
    public async Task<int> RestoreAsync(HonkHost host, int maxSessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var sessions = await host.ListAsync(new SessionQuery { Statuses = [HostedSessionStatus.Succeeded], Limit = maxSessions }, cancellationToken).ConfigureAwait(false);
        var loaded = 0;
        foreach (var session in sessions)
        {
            if (PullRequestWatcher.IsRound(session) || session.Result is not { } result || PullRequestApproval.Find(result) is not { } pr)
            {
                continue;
            }

            var effects = await host.Store.ListEffectsAsync(session.Id, cancellationToken).ConfigureAwait(false);
            if (Recorded(session.Id, pr.ToString(), PullRequestApproval.FindDelivery(result)?.Url, effects) is not { } checks)
            {
                continue;
            }

            lock (_latest)
            {
                if (!_latest.TryAdd(session.Id, checks with { Version = Interlocked.Increment(ref _version) }))
                {
                    continue;
                }
            }

            loaded++;
        }

        if (loaded > 0)
        {
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        return loaded;
    }

    /// <summary>The state the store recorded last for one pull request, or null when nothing final was recorded.</summary>
    internal static PullRequestChecks? Recorded(string sessionId, string pullRequest, Uri? url, IReadOnlyList<EffectRecord> effects)
    {
        var done = effects.Where(e => e.State == EffectState.Succeeded && e.OutcomeJson is not null).ToList();
        if (done.FirstOrDefault(e => e.EffectKey == PullRequestWatcher.ClosedEffectKey) is { } closed)
        {
            return new PullRequestChecks { SessionId = sessionId, PullRequest = pullRequest, Url = url, State = JsonSerializer.Deserialize<string>(closed.OutcomeJson!) == "merged" ? "merged" : "closed" };
        }

        if (done.Where(e => e.EffectKey.StartsWith(PullRequestWatcher.ChecksEffectPrefix, StringComparison.Ordinal)).OrderBy(e => e.CompletedAt ?? e.BeganAt).LastOrDefault() is not { } last)
        {
            return null;
        }

        using var json = JsonDocument.Parse(last.OutcomeJson!);
        var checks = json.RootElement.TryGetProperty("checks", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(c => new PullRequestCheck(
                c.GetProperty("name").GetString() ?? "?",
                c.TryGetProperty("conclusion", out var conclusion) && conclusion.ValueKind == JsonValueKind.String ? conclusion.GetString()! : "failure",
                c.TryGetProperty("url", out var link) && link.ValueKind == JsonValueKind.String && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var address) ? address : null)).ToList()
            : [];
        return new PullRequestChecks
        {
            SessionId = sessionId,
            PullRequest = pullRequest,
            Url = url,
            State = json.RootElement.TryGetProperty("state", out var state) && state.GetString() is "green" ? "green" : "failing",
            Head = last.EffectKey[PullRequestWatcher.ChecksEffectPrefix.Length..],
            Checks = checks,
        };
    }

    /// <summary>Waits until a session's checks are newer than <paramref name="afterVersion"/>.</summary>
    /// <param name="sessionId">The delivered session.</param>
    /// <param name="afterVersion">The version the caller has (0 for none).</param>
    /// <param name="cancellationToken">Stops waiting (the page was closed).</param>
    /// <returns>The newer checks.</returns>
    public async Task<PullRequestChecks> WaitForChangeAsync(string sessionId, long afterVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (Get(sessionId) is { } checks && checks.Version > afterVersion)
            {
                return checks;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    Task IPullRequestChecksObserver.ChecksSeenAsync(SessionRecord session, PullRequestChecks checks, CancellationToken cancellationToken)
    {
        Publish(checks);
        return Task.CompletedTask;
    }

    private static bool Same(PullRequestChecks a, PullRequestChecks b)
        => JsonSerializer.Serialize(a with { Version = 0 }) == JsonSerializer.Serialize(b with { Version = 0 });
}
