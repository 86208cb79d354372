using System.Collections.Concurrent;

namespace Honk.Delivery.Slack;

/// <summary>
/// The in-memory <see cref="ISlackThreadResolver"/>: whoever starts a session from a Slack message (a trigger, the
/// server's Slack endpoint) registers the message's thread under the session id; the notification reads it back.
/// </summary>
public sealed class SlackThreadRegistry : ISlackThreadResolver
{
    private readonly ConcurrentDictionary<string, SlackThread> _threads = new(StringComparer.Ordinal);

    /// <summary>Records where a session's task came from.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="thread">The Slack thread.</param>
    public void Register(string sessionId, SlackThread thread)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentException.ThrowIfNullOrWhiteSpace(thread.Channel);
        _threads[sessionId] = thread;
    }

    /// <summary>Forgets a session's thread.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <returns><see langword="true"/> when a thread was registered.</returns>
    public bool Remove(string sessionId) => _threads.TryRemove(sessionId, out _);

    /// <inheritdoc />
    public ValueTask<SlackThread?> ResolveAsync(DeliveryContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(_threads.TryGetValue(context.SessionId, out var thread) ? thread : null);
    }
}
