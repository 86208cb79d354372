using System.Collections.Concurrent;

namespace Honk.Server;

/// <summary>A process-local <see cref="IReplayGuard"/>; a host that survives restarts keeps the ids in its store instead.</summary>
public sealed class InMemoryReplayGuard : IReplayGuard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _recordsSinceSweep;

    /// <summary>Creates the guard.</summary>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public InMemoryReplayGuard(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The number of ids currently remembered (expired ones may linger until the next sweep).</summary>
    public int Count => _seen.Count;

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = _timeProvider.GetUtcNow();
        var expires = now + timeToLive;
        var added = false;
        _seen.AddOrUpdate(
            key,
            _ =>
            {
                added = true;
                return expires;
            },
            (_, existing) =>
            {
                if (existing <= now)
                {
                    added = true;
                    return expires;
                }

                added = false;
                return existing;
            });

        // Sweep now and then so a flood of distinct ids cannot grow the table without bound.
        if (Interlocked.Increment(ref _recordsSinceSweep) % 256 == 0)
        {
            foreach (var pair in _seen)
            {
                if (pair.Value <= now)
                {
                    _seen.TryRemove(pair);
                }
            }
        }

        return ValueTask.FromResult(added);
    }
}
