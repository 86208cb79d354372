using Honk.Hosting;

namespace Honk.Campaigns;

/// <summary>Stores a campaign session's events under its session id, numbered after earlier attempts' events.</summary>
internal sealed class CampaignEventSink(ISessionStore store, string sessionId, long baseSequence) : IAgentEventSink
{
    public async ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        await store.AppendEventAsync(agentEvent with { SessionId = sessionId, Sequence = baseSequence + agentEvent.Sequence }, cancellationToken).ConfigureAwait(false);
    }
}
