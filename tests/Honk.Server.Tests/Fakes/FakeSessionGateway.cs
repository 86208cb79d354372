using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Honk.Server.Tests;

/// <summary>An in-memory host: sessions run through <see cref="Executor"/> on the thread pool; events are kept in order.</summary>
internal sealed class FakeSessionGateway : ISessionGateway
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new();
    private readonly ConcurrentDictionary<string, EffectOutcome> _effects = new();
    private readonly SemaphoreSlim _effectLock = new(1, 1);
    private int _next;

    public delegate Task<SessionResult> SessionExecutor(string id, SessionSubmission submission, Action<AgentEvent> emit, CancellationToken cancellationToken);

    /// <summary>Runs a session; the default finishes at once with "succeeded" and no changes.</summary>
    public SessionExecutor Executor { get; set; } = (id, _, _, _) => Task.FromResult(new SessionResult { SessionId = id, Status = SessionStatus.Succeeded, Summary = "done" });

    /// <summary>The diff shown for a session.</summary>
    public Func<SessionView, string?> Diff { get; set; } = _ => "";

    public List<SessionSubmission> Submissions { get; } = [];

    public int EffectRuns;

    public ValueTask<SessionView> SubmitAsync(SessionSubmission submission, CancellationToken cancellationToken = default)
    {
        lock (Submissions)
        {
            Submissions.Add(submission);
        }

        var id = "s" + Interlocked.Increment(ref _next).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var entry = new Entry(new SessionView
        {
            Id = id, Repository = submission.Repository, Task = submission.Task, Source = submission.Source, State = SessionState.Queued,
            CreatedAt = DateTimeOffset.UtcNow, ParentSessionId = submission.ParentSessionId,
        });
        _sessions[id] = entry;
        _ = Task.Run(() => RunAsync(entry, submission), CancellationToken.None);
        return ValueTask.FromResult(entry.View);
    }

    /// <summary>Adds a finished session directly (no executor).</summary>
    public SessionView AddCompleted(SessionSubmission submission, SessionResult result, string? id = null)
    {
        id ??= "s" + Interlocked.Increment(ref _next).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var entry = new Entry(new SessionView
        {
            Id = id, Repository = submission.Repository, Task = submission.Task, Source = submission.Source, State = SessionState.Completed,
            CreatedAt = DateTimeOffset.UtcNow, Result = result with { SessionId = id },
        });
        entry.Add(new SessionCompleted(entry.View.Result!) { SessionId = id });
        entry.Done.TrySetResult();
        _sessions[id] = entry;
        return entry.View;
    }

    public async Task<SessionView> WaitForCompletionAsync(string id, TimeSpan? timeout = null)
    {
        await _sessions[id].Done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return _sessions[id].View;
    }

    public ValueTask<IReadOnlyList<SessionView>> ListAsync(int limit, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<SessionView>>([.. _sessions.Values.Select(e => e.View).OrderByDescending(v => v.Id, StringComparer.Ordinal).Take(limit)]);

    public ValueTask<SessionView?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_sessions.TryGetValue(sessionId, out var e) ? e.View : null);

    public async IAsyncEnumerable<AgentEvent> ReadEventsAsync(string sessionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            yield break;
        }

        var last = afterSequence;
        while (true)
        {
            var done = entry.Done.Task.IsCompleted;
            AgentEvent[] batch;
            lock (entry.Events)
            {
                batch = [.. entry.Events.Where(e => e.Sequence > last)];
            }

            foreach (var e in batch)
            {
                last = e.Sequence;
                yield return e;
            }

            if (batch.Length == 0)
            {
                if (done)
                {
                    yield break;
                }

                await Task.WhenAny(entry.Changed.Reader.WaitToReadAsync(cancellationToken).AsTask(), Task.Delay(50, cancellationToken)).ConfigureAwait(false);
                entry.Changed.Reader.TryRead(out _);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public ValueTask<bool> CancelAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var e) || e.View.State == SessionState.Completed)
        {
            return ValueTask.FromResult(false);
        }

        e.Cancel.Cancel();
        return ValueTask.FromResult(true);
    }

    public ValueTask<string?> GetDiffAsync(string sessionId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_sessions.TryGetValue(sessionId, out var e) ? Diff(e.View) : null);

    public async ValueTask<EffectOutcome> RunEffectOnceAsync(string sessionId, string effectKey, Func<CancellationToken, ValueTask<string>> effect, CancellationToken cancellationToken = default)
    {
        await _effectLock.WaitAsync(cancellationToken);
        try
        {
            if (_effects.TryGetValue(sessionId + "/" + effectKey, out var done) && done.Succeeded)
            {
                return done with { AlreadyDone = true };
            }

            Interlocked.Increment(ref EffectRuns);
            var outcome = new EffectOutcome(true, await effect(cancellationToken));
            _effects[sessionId + "/" + effectKey] = outcome;
            return outcome;
        }
        finally
        {
            _effectLock.Release();
        }
    }

    public ValueTask<EffectOutcome?> GetEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_effects.TryGetValue(sessionId + "/" + effectKey, out var o) ? o : null);

    private async Task RunAsync(Entry entry, SessionSubmission submission)
    {
        var id = entry.View.Id;
        entry.View = entry.View with { State = SessionState.Running };
        entry.Add(new SessionStarted(submission.Task, null, "fake") { SessionId = id });
        SessionResult result;
        try
        {
            result = await Executor(id, submission, e => entry.Add(e with { SessionId = id }), entry.Cancel.Token);
        }
        catch (OperationCanceledException)
        {
            result = new SessionResult { SessionId = id, Status = SessionStatus.Cancelled, Message = "cancelled" };
        }
        catch (Exception ex)
        {
            result = new SessionResult { SessionId = id, Status = SessionStatus.Failed, Message = ex.Message };
        }

        entry.View = entry.View with { State = SessionState.Completed, Result = result };
        entry.Add(new SessionCompleted(result) { SessionId = id });
        entry.Done.TrySetResult();
    }

    private sealed class Entry(SessionView view)
    {
        public SessionView View { get; set; } = view;

        public List<AgentEvent> Events { get; } = [];

        public Channel<bool> Changed { get; } = Channel.CreateUnbounded<bool>();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancel { get; } = new();

        public void Add(AgentEvent e)
        {
            lock (Events)
            {
                Events.Add(e with { Sequence = Events.Count + 1 });
            }

            Changed.Writer.TryWrite(true);
        }
    }
}
