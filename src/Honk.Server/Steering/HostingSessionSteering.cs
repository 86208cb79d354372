using Honk.Hosting;
using Honk.Steering;

namespace Honk.Server;

/// <summary>The <see cref="ISessionSteeringGateway"/> over <see cref="HonkHost"/>: the inboxes of the sessions this process runs or has queued.</summary>
/// <param name="host">The host.</param>
public sealed class HostingSessionSteering(HonkHost host) : ISessionSteeringGateway
{
    /// <inheritdoc />
    public async ValueTask<SteeringOutcome> SendAsync(string sessionId, SteeringMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await OpenAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        return host.SteeringFor(sessionId).Send(message) ? SteeringOutcome.Accepted : SteeringOutcome.Ended;
    }

    /// <inheritdoc />
    public async ValueTask<SteeringOutcome> DecidePlanAsync(string sessionId, PlanDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (await OpenAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var steering = host.SteeringFor(sessionId);
        return steering.DecidePlan(decision) ? SteeringOutcome.Accepted : steering.IsOpen ? SteeringOutcome.NoPlanWaiting : SteeringOutcome.Ended;
    }

    private async ValueTask<SteeringOutcome?> OpenAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return record is null ? SteeringOutcome.NotFound : record.Status.IsFinal() ? SteeringOutcome.Ended : null;
    }
}
