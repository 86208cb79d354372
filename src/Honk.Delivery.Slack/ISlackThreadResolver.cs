namespace Honk.Delivery.Slack;

/// <summary>Finds the Slack thread a session's task came from, so the answer lands where the question was asked.</summary>
public interface ISlackThreadResolver
{
    /// <summary>Finds the thread for a finished session.</summary>
    /// <param name="context">The delivery context.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The thread, or <see langword="null"/> to post to the configured default channel.</returns>
    ValueTask<SlackThread?> ResolveAsync(DeliveryContext context, CancellationToken cancellationToken = default);
}
