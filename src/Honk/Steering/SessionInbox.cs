namespace Honk.Steering;

/// <summary>
/// A session's inbox: what people send to it while it runs (messages, plan decisions, stop). The loop reads it at each
/// turn boundary. Give one to <see cref="AgentSessionOptions.Inbox"/> (or <see cref="HonkRunOptions.Inbox"/>) to steer a
/// session from outside; every session has one (<see cref="AgentSession.Steering"/>).
/// </summary>
public sealed class SessionInbox : ISessionSteering
{
    private readonly Lock _gate = new();
    private readonly List<(int? Turn, SteeringMessage Message)> _messages = [];
    private readonly HashSet<int> _replayedFinishTurns = [];
    private readonly Queue<PlanDecision> _decisions = new();
    private TaskCompletionSource? _decisionArrived;
    private Action? _onStop;
    private readonly ISteeringFeed? _feed;
    private bool _closed;
    private string? _pendingPlan;

    /// <summary>An inbox that only this process sends to.</summary>
    public SessionInbox()
    {
    }

    /// <summary>
    /// An inbox that also takes what arrives through <paramref name="feed"/> (a store several hosts share) at every turn
    /// boundary, and every <paramref name="pollInterval"/> while a plan waits for its decision.
    /// </summary>
    /// <param name="feed">Where steering sent to other processes arrives.</param>
    /// <param name="pollInterval">How often a waiting plan looks for its decision; one second when <see langword="null"/>.</param>
    public SessionInbox(ISteeringFeed feed, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _feed = feed;
        FeedPollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FeedPollInterval, TimeSpan.Zero, nameof(pollInterval));
    }

    /// <summary>How often a waiting plan looks for its decision in the feed.</summary>
    public TimeSpan FeedPollInterval { get; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return !_closed;
            }
        }
    }

    /// <inheritdoc />
    public string? PendingPlan
    {
        get
        {
            lock (_gate)
            {
                return _pendingPlan;
            }
        }
    }

    /// <summary>Who stopped the session, once someone has.</summary>
    public string? StoppedBy { get; private set; }

    /// <summary>
    /// An inbox that replays a recorded session's steering: each <see cref="UserMessageDelivered"/> is delivered before
    /// the same turn again, and each <see cref="PlanDecided"/> answers the plans in the same order. Pair it with
    /// <see cref="Transcripts.TranscriptReplay.ToScript"/> of the same events.
    /// </summary>
    /// <param name="events">The recorded events, in order.</param>
    /// <returns>The inbox.</returns>
    public static SessionInbox ForReplay(IEnumerable<AgentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var inbox = new SessionInbox();
        foreach (var e in events)
        {
            switch (e)
            {
                case UserMessageDelivered message:
                    inbox._messages.Add((message.Turn, new SteeringMessage(message.Sender, message.Text)));
                    if (message.BeforeFinish)
                    {
                        inbox._replayedFinishTurns.Add(message.Turn);
                    }

                    break;
                case PlanDecided decision:
                    inbox._decisions.Enqueue(new PlanDecision(decision.Approved, decision.DecidedBy, decision.Feedback));
                    break;
            }
        }

        return inbox;
    }

    /// <inheritdoc />
    public bool Send(SteeringMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Sender, nameof(message));
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Text, nameof(message));
        if (message.Text.Length > SteeringMessage.MaxLength)
        {
            throw new ArgumentException($"The message is {message.Text.Length} characters long; at most {SteeringMessage.MaxLength} are accepted.", nameof(message));
        }

        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _messages.Add((null, message with { Text = message.Text.Trim() }));
            return true;
        }
    }

    /// <inheritdoc />
    /// <remarks>Returns false as well when the session waits on no plan: an answer is never kept for a plan not yet shown.</remarks>
    public bool DecidePlan(PlanDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrWhiteSpace(decision.DecidedBy, nameof(decision));
        lock (_gate)
        {
            if (_closed || _pendingPlan is null)
            {
                return false;
            }

            _decisions.Enqueue(decision);
            _decisionArrived?.TrySetResult();
            return true;
        }
    }

    /// <inheritdoc />
    public bool Stop(string stoppedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stoppedBy);
        Action? stop;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            StoppedBy ??= stoppedBy;
            stop = _onStop;
        }

        stop?.Invoke();
        return true;
    }

    /// <summary>Runs <paramref name="stop"/> when someone stops the session (at once when someone already has).</summary>
    internal void OnStop(Action stop)
    {
        bool already;
        lock (_gate)
        {
            _onStop = stop;
            already = StoppedBy is not null;
        }

        if (already)
        {
            stop();
        }
    }

    /// <summary>
    /// Moves what arrived through the feed into the inbox (messages queued, a decision answering the waiting plan). A
    /// feed that fails (its database is briefly away) is tried again at the next boundary: what it has not returned
    /// stays there, so nothing is lost.
    /// </summary>
    internal async Task PullAsync(CancellationToken cancellationToken)
    {
        if (_feed is null || !IsOpen)
        {
            return;
        }

        IReadOnlyList<SteeringItem> items;
        try
        {
            items = await _feed.TakeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return;
        }

        foreach (var item in items)
        {
            if (item.Message is { } message)
            {
                Send(message);
            }
            else if (item.Decision is { } decision)
            {
                // Senders check that a plan waits before they store a decision; one that raced the plan's end is moot.
                DecidePlan(decision);
            }
        }
    }

    /// <summary>Takes the messages due before <paramref name="turn"/>: every live one and the replayed ones recorded for it or earlier.</summary>
    internal IReadOnlyList<SteeringMessage> Take(int turn)
    {
        lock (_gate)
        {
            var due = _messages.Where(m => m.Turn is null || m.Turn <= turn).ToList();
            if (due.Count == 0)
            {
                return [];
            }

            _messages.RemoveAll(m => m.Turn is null || m.Turn <= turn);
            return [.. due.Select(m => m.Message)];
        }
    }

    /// <summary>
    /// Whether a message should hold back the model's finish before <paramref name="turn"/>: a live one, or a replayed
    /// one that did so when it was recorded.
    /// </summary>
    internal bool HoldsFinish(int turn)
    {
        lock (_gate)
        {
            return _messages.Exists(m => m.Turn is null) || _replayedFinishTurns.Contains(turn);
        }
    }

    /// <summary>Shows <paramref name="plan"/> as pending: from now on a decision is accepted.</summary>
    internal void ShowPlan(string plan)
    {
        lock (_gate)
        {
            _pendingPlan = plan;
        }
    }

    /// <summary>Shows <paramref name="plan"/> as pending and waits for its decision.</summary>
    internal async Task<PlanDecision> WaitForDecisionAsync(string plan, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                _pendingPlan = plan;
                if (_decisions.TryDequeue(out var decision))
                {
                    _pendingPlan = null;
                    return decision;
                }

                _decisionArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _decisionArrived.Task;
            }

            try
            {
                if (_feed is null)
                {
                    await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // A decision sent to another host arrives through the feed: look there now and then.
                    await Task.WhenAny(arrived, Task.Delay(FeedPollInterval, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    await PullAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    _pendingPlan = null;
                }

                throw;
            }
        }
    }

    /// <summary>The session ended: nothing more is accepted.</summary>
    internal void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _pendingPlan = null;
            _onStop = null;
        }
    }
}
