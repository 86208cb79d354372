using System.Collections.Concurrent;

namespace Honk.Telemetry;

/// <summary>
/// Turns each session's event stream into a span tree — session → turn → model call and tool calls; validation,
/// review and delivery under the session — and into metrics. Spans carry the events' own timestamps, so the tree is
/// the same whether the sink runs live or over a replayed stream. One instance serves any number of sessions.
/// </summary>
public sealed class TelemetryEventSink : IAgentEventSink
{
    private readonly ConcurrentDictionary<string, SessionSpans> _sessions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        if (agentEvent is SessionStarted started)
        {
            // Nobody listening (no OpenTelemetry, no listener): no spans, but metrics still count at the end.
            _sessions[agentEvent.SessionId] = new SessionSpans(started);
            return ValueTask.CompletedTask;
        }

        if (!_sessions.TryGetValue(agentEvent.SessionId, out var spans))
        {
            return ValueTask.CompletedTask;
        }

        lock (spans)
        {
            spans.On(agentEvent);
        }

        if (agentEvent is SessionCompleted)
        {
            _sessions.TryRemove(agentEvent.SessionId, out _);
        }

        return ValueTask.CompletedTask;
    }
}
