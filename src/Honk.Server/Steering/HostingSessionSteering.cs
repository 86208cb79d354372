using Honk.Hosting;
using Honk.Steering;

namespace Honk.Server;

/// <summary>
/// The <see cref="ISessionSteeringGateway"/> over <see cref="HonkHost"/>. With a store that keeps steering
/// (<see cref="ISteeringStore"/>: SQLite, PostgreSQL) a message goes through the store, so it reaches the session's next
/// turn whichever host process runs it; otherwise it goes to the inbox of a session this process runs or has queued.
/// </summary>
/// <param name="host">The host.</param>
public sealed class HostingSessionSteering(HonkHost host) : ISessionSteeringGateway
{
    /// <summary>How many of a session's events are read per query when looking for a waiting plan.</summary>
    private const int EventPage = 500;

    /// <inheritdoc />
    public async ValueTask<SteeringOutcome> SendAsync(string sessionId, SteeringMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await OpenAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        if (host.Store is ISteeringStore store)
        {
            await store.AddSteeringAsync(sessionId, new SteeringItem(message with { Text = message.Text.Trim() }), cancellationToken).ConfigureAwait(false);
            return SteeringOutcome.Accepted;
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

        if (host.Store is ISteeringStore store)
        {
            // The session may run in another process: whether a plan waits is read from its recorded events.
            if (!await PlanWaitsAsync(sessionId, cancellationToken).ConfigureAwait(false))
            {
                return SteeringOutcome.NoPlanWaiting;
            }

            await store.AddSteeringAsync(sessionId, new SteeringItem(decision), cancellationToken).ConfigureAwait(false);
            return SteeringOutcome.Accepted;
        }

        var steering = host.SteeringFor(sessionId);
        return steering.DecidePlan(decision) ? SteeringOutcome.Accepted : steering.IsOpen ? SteeringOutcome.NoPlanWaiting : SteeringOutcome.Ended;
    }

    private async ValueTask<SteeringOutcome?> OpenAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return record is null ? SteeringOutcome.NotFound : record.Status.IsFinal() ? SteeringOutcome.Ended : null;
    }

    /// <summary>A plan waits when the last plan event is a proposal (a <c>plan_proposed</c> with no <c>plan_decision</c> after it).</summary>
    private async Task<bool> PlanWaitsAsync(string sessionId, CancellationToken cancellationToken)
    {
        var waits = false;
        long after = 0;
        while (true)
        {
            var events = await host.Store.ReadEventsAsync(sessionId, after, EventPage, cancellationToken).ConfigureAwait(false);
            foreach (var e in events)
            {
                waits = e switch
                {
                    PlanProposed => true,
                    PlanDecided or SessionCompleted => false,
                    _ => waits,
                };
                after = e.Sequence;
            }

            if (events.Count < EventPage)
            {
                return waits;
            }
        }
    }
}
