using System.Collections.Concurrent;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// The latest <see cref="PullRequestChecks"/> of each watched pull request, in memory, with a way to wait for the next
/// change: the review page streams it, so checks appear and turn green or red without a reload. After a restart it is
/// empty until the watcher's first look (at start). A read API for anyone else (e.g. a campaign rollup): <see cref="Get"/>.
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
