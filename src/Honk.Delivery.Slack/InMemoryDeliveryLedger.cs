using System.Collections.Concurrent;

namespace Honk.Delivery.Slack;

/// <summary>An <see cref="IDeliveryLedger"/> in process memory: idempotent within one process's lifetime.</summary>
public sealed class InMemoryDeliveryLedger : IDeliveryLedger
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of recorded entries.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<string?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_entries.TryGetValue(key, out var value) ? value : null);
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        _entries[key] = value;
        return ValueTask.CompletedTask;
    }
}
