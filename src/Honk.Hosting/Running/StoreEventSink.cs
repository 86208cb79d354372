namespace Honk.Hosting;

/// <summary>
/// Persists a run's events as they happen. The run's events arrive redacted by the session; the ones the host adds
/// itself (notices, a completion the run never produced) are redacted here with the host's redactor. A re-run numbers its events after the earlier attempts' ones, so the
/// stored stream stays gap-free and a resumed reader never misses the new attempt.
/// </summary>
internal sealed class StoreEventSink : IAgentEventSink
{
    private readonly ISessionStore _store;
    private readonly long _baseSequence;
    private readonly Func<AgentEvent, bool> _accept;
    private readonly AsyncPulse _pulse;
    private readonly Transcripts.SecretRedactor _hostRedactor;
    private long _lastSequence;

    public StoreEventSink(ISessionStore store, string sessionId, long baseSequence, Func<AgentEvent, bool> accept, AsyncPulse pulse, Transcripts.SecretRedactor hostRedactor)
    {
        _hostRedactor = hostRedactor;
        _store = store;
        SessionId = sessionId;
        _baseSequence = baseSequence;
        _lastSequence = baseSequence;
        _accept = accept;
        _pulse = pulse;
    }

    public string SessionId { get; }

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public bool SawCompletion { get; private set; }

    public async ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        if (!_accept(agentEvent))
        {
            return;
        }

        var stored = agentEvent with { SessionId = SessionId, Sequence = _baseSequence + agentEvent.Sequence };
        await _store.AppendEventAsync(stored, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastSequence, stored.Sequence);
        SawCompletion |= stored is SessionCompleted;
        _pulse.Pulse();
    }

    /// <summary>Writes an event the host itself adds (a notice, a completion the run never produced) after the run's own.</summary>
    public async ValueTask AppendOwnAsync(AgentEvent agentEvent, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = _hostRedactor.RedactEvent(agentEvent with { SessionId = SessionId, Sequence = LastSequence + 1, Timestamp = time.GetUtcNow() });
        await _store.AppendEventAsync(stored, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastSequence, stored.Sequence);
        SawCompletion |= stored is SessionCompleted;
        _pulse.Pulse();
    }
}
