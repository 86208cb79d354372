namespace Honk.Hosting;

/// <summary>One attempt of a hosted session, as handed to an <see cref="ISessionExecutor"/>.</summary>
public sealed class SessionExecution
{
    /// <summary>Creates the execution.</summary>
    /// <param name="session">The claimed session.</param>
    /// <param name="events">Where the run's events go (add it to <see cref="AgentSessionOptions.EventSinks"/>).</param>
    /// <param name="store">The store, for the effects ledger.</param>
    public SessionExecution(SessionRecord session, IAgentEventSink events, ISessionStore store)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(store);
        Session = session;
        Events = events;
        Store = store;
    }

    /// <summary>The claimed session (its <see cref="SessionRecord.Attempts"/> counts this attempt).</summary>
    public SessionRecord Session { get; }

    /// <summary>The session's id.</summary>
    public string SessionId => Session.Id;

    /// <summary>This attempt's number (1 for the first run; more after a crash or restart).</summary>
    public int Attempt => Session.Attempts;

    /// <summary>Persists every event as it happens, numbered after the events of earlier attempts.</summary>
    public IAgentEventSink Events { get; }

    /// <summary>The session's inbox (messages and plan decisions from people); give it to <see cref="HonkRunOptions.Inbox"/>.</summary>
    public Steering.SessionInbox? Inbox { get; init; }

    /// <summary>The store; side effects go through its effects ledger.</summary>
    public ISessionStore Store { get; }
}
