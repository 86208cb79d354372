using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Honk.Hosting;

/// <summary>
/// The host's front door: submit, look up, cancel and watch sessions. The <see cref="SessionRunnerService"/> runs
/// them; both share this object, so a cancel reaches a session running here at once.
/// </summary>
public sealed class HonkHost
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Steering.SessionInbox> _inboxes = new(StringComparer.Ordinal);

    /// <summary>Creates the host.</summary>
    /// <param name="store">The session store.</param>
    /// <param name="options">The host's settings; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public HonkHost(ISessionStore store, HonkHostOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Options = (options ?? new HonkHostOptions()).Validate();
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The session store.</summary>
    public ISessionStore Store { get; }

    /// <summary>The host's settings (a validated snapshot).</summary>
    public HonkHostOptions Options { get; }

    internal TimeProvider Time { get; }

    internal AsyncPulse WorkPulse { get; } = new();

    internal AsyncPulse EventPulse { get; } = new();

    /// <summary>Queues a session; a runner picks it up when a slot is free.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The new session's id.</returns>
    public async Task<string> SubmitAsync(SessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Repository);
        var id = AgentSession.CreateId(Time);
        var branch = string.IsNullOrWhiteSpace(request.Branch) ? DefaultBranch(request, id) : request.Branch.Trim();
        await Store.CreateAsync(id, request, branch, cancellationToken).ConfigureAwait(false);
        WorkPulse.Pulse();
        return id;
    }

    /// <summary>Reads one session.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public Task<SessionRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => Store.GetAsync(id, cancellationToken);

    /// <summary>Lists sessions, newest first.</summary>
    /// <param name="query">Filters; all sessions (up to 100) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    public Task<IReadOnlyList<SessionRecord>> ListAsync(SessionQuery? query = null, CancellationToken cancellationToken = default)
        => Store.ListAsync(query ?? new SessionQuery(), cancellationToken);

    /// <summary>
    /// Cancels a session: a queued one ends as cancelled at once; a running one is stopped (here at once, on another
    /// host at its next lease renewal) and ends as cancelled.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the request (not the session).</param>
    /// <returns>The record after the request, or <see langword="null"/> when there is no such session.</returns>
    public async Task<SessionRecord?> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        var record = await Store.RequestCancelAsync(id, cancellationToken).ConfigureAwait(false);
        if (_running.TryGetValue(id, out var running))
        {
            await running.CancelAsync().ConfigureAwait(false);
        }

        EventPulse.Pulse();
        WorkPulse.Pulse();
        return record;
    }

    /// <summary>
    /// The session's events after <paramref name="afterSequence"/>: the stored ones first, then new ones as they
    /// happen, ending once the session has reached a final status and every event has been read (the server's SSE
    /// stream; pass the last seen sequence to resume).
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="afterSequence">The last sequence the reader has; 0 for all.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <returns>The events.</returns>
    /// <exception cref="KeyNotFoundException">There is no such session.</exception>
    public async IAsyncEnumerable<AgentEvent> WatchAsync(string id, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        while (true)
        {
            // Read the status before the events: a final status seen here means no event can follow the read.
            var record = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No session '{id}'.");
            var wait = EventPulse.WaitAsync(Options.PollInterval, Time, cancellationToken);
            var events = await Store.ReadEventsAsync(id, last, 500, cancellationToken).ConfigureAwait(false);
            foreach (var e in events)
            {
                last = e.Sequence;
                yield return e;
            }

            if (events.Count == 0)
            {
                if (record.Status.IsFinal())
                {
                    yield break;
                }

                await wait.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The inbox of a session this host runs or has queued: messages and plan decisions sent to it reach the session at
    /// its next turn boundary (or its first, when it has not started). Only this process's sessions: to reach a session
    /// whichever host runs it, add to the store (<see cref="ISteeringStore"/>, which the SQL stores are); the running
    /// host's inbox takes from it at each turn boundary.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The inbox.</returns>
    public Steering.ISessionSteering SteeringFor(string id) => InboxFor(id);

    internal Steering.SessionInbox InboxFor(string id) => _inboxes.GetOrAdd(id, _ => Store is ISteeringStore steering
        ? new Steering.SessionInbox(new StoreSteeringFeed(steering, id), Options.PollInterval)
        : new Steering.SessionInbox());

    internal void DropInbox(string id) => _inboxes.TryRemove(id, out _);

    internal void Register(string id, CancellationTokenSource source) => _running[id] = source;

    internal void Unregister(string id) => _running.TryRemove(id, out _);

    private string DefaultBranch(SessionRequest request, string id)
    {
        // The branch is named before the session (and its redactor) exists; a secret pasted into the task stays out.
        var label = Transcripts.SecretRedactor.CreateForNames().Redact(request.Task.Title ?? request.Task.Goal);
        var slug = new StringBuilder();
        foreach (var c in label.ToLowerInvariant())
        {
            if (slug.Length >= 32)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        var shortId = id[^6..];
        return string.Create(CultureInfo.InvariantCulture, $"{Options.BranchPrefix}{(text.Length == 0 ? "task" : text)}-{shortId}");
    }
}
