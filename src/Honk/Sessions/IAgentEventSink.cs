namespace Honk;

/// <summary>
/// Receives every event of a session as it happens, before the consumer of the stream sees it. Transcript writers
/// and durable stores implement it so nothing is lost if the consumer stops reading.
/// </summary>
public interface IAgentEventSink
{
    /// <summary>Handles one event. Exceptions are logged and ignored: a sink never stops a session.</summary>
    /// <param name="agentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default);
}
