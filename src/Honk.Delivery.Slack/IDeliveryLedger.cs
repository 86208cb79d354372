namespace Honk.Delivery.Slack;

/// <summary>
/// Remembers side effects already done, by idempotency key, so a re-delivery after a crash or a retry does not repeat
/// them (post the same message twice). The in-memory default is <see cref="InMemoryDeliveryLedger"/>; a host that
/// survives restarts stores the entries durably.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Looks up a recorded side effect.</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The value recorded with the key (e.g. the message's <c>ts</c>), or <see langword="null"/> when none.</returns>
    ValueTask<string?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Records a side effect.</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="value">What to remember about it (e.g. the message's <c>ts</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    ValueTask RecordAsync(string key, string value, CancellationToken cancellationToken = default);
}
