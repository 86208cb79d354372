using System.Text.Json;

namespace Honk.Hosting;

/// <summary>
/// Makes a delivery channel's side effect happen at most once per session, across crashes and re-runs: the effect's
/// key (<c>delivery:&lt;channel&gt;</c>) is recorded before it and its outcome after. A recorded success is replayed
/// instead of delivering again; a key with no outcome is checked against reality by the channel's
/// <see cref="IDeliveryEffectVerifier"/>, and without one it is not retried (at most once beats at least once).
/// </summary>
public sealed class LedgeredDeliveryChannel : DeliveryChannel
{
    private readonly DeliveryChannel _inner;
    private readonly ISessionStore _store;
    private readonly IDeliveryEffectVerifier? _verifier;

    /// <summary>Wraps a channel.</summary>
    /// <param name="inner">The channel that makes the effect.</param>
    /// <param name="store">The store holding the effects ledger.</param>
    /// <param name="verifier">Checks reality after a crash; <see langword="null"/> when the channel has no check.</param>
    public LedgeredDeliveryChannel(DeliveryChannel inner, ISessionStore store, IDeliveryEffectVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(store);
        _inner = inner;
        _store = store;
        _verifier = verifier;
    }

    /// <inheritdoc />
    public override string Name => _inner.Name;

    /// <summary>The ledger key of a channel's delivery.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <returns>The key.</returns>
    public static string EffectKey(string channel) => "delivery:" + channel;

    /// <inheritdoc />
    protected override async ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var key = EffectKey(_inner.Name);
        var existing = await _store.GetEffectAsync(context.SessionId, key, cancellationToken).ConfigureAwait(false);
        if (existing is { State: EffectState.Succeeded, OutcomeJson: { } json })
        {
            var earlier = JsonSerializer.Deserialize<DeliveryResult>(json, HostingJson.Options)!;
            return earlier with { Message = $"Already delivered by an earlier attempt: {earlier.Message}" };
        }

        if (existing is { State: EffectState.Begun })
        {
            if (_verifier is null)
            {
                var unknown = DeliveryResult.Failed(_inner.Name, $"An earlier attempt began this '{_inner.Name}' delivery and its outcome is unknown; it is not repeated, so check it by hand.");
                await CompleteAsync(context.SessionId, key, unknown, cancellationToken).ConfigureAwait(false);
                return unknown;
            }

            if (await _verifier.FindDeliveredAsync(context, cancellationToken).ConfigureAwait(false) is { } found)
            {
                await CompleteAsync(context.SessionId, key, found, cancellationToken).ConfigureAwait(false);
                return found;
            }
        }

        // Begun-but-absent (checked above) or failed before: this attempt makes the effect.
        await _store.TryBeginEffectAsync(context.SessionId, key, cancellationToken).ConfigureAwait(false);
        var result = await _inner.DeliverAsync(context, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && _verifier is not null
            && await _verifier.FindDeliveredAsync(context, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            // An earlier attempt's effect landed after all (its process outlived the host): that one counts.
            result = raced;
        }

        await CompleteAsync(context.SessionId, key, result, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private Task CompleteAsync(string sessionId, string key, DeliveryResult result, CancellationToken cancellationToken)
        => _store.CompleteEffectAsync(sessionId, key, result.Succeeded, JsonSerializer.Serialize(result, HostingJson.Options), cancellationToken);
}
