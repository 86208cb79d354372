namespace Honk;

/// <summary>
/// Takes a finished change to where people review it: a branch, a pushed commit, a pull request, a patch file, a
/// message. Delivery is the framework's step, after the stop gate and the judge; the model never delivers.
/// </summary>
public abstract class DeliveryChannel
{
    /// <summary>A short stable name, e.g. <c>branch</c> or <c>pr</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether a failure of this channel fails the session. True for channels that carry the change (branch, push, pull
    /// request); notifications return false, so a chat outage does not turn a good change into a failed session.
    /// </summary>
    public virtual bool IsRequired => true;

    /// <summary>Delivers the change. Implementations must be idempotent per <see cref="DeliveryContext.IdempotencyKey"/>.</summary>
    /// <param name="context">The finished session.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>Where the change went.</returns>
    public ValueTask<DeliveryResult> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DeliverCoreAsync(context, cancellationToken);
    }

    /// <summary>Delivers the change.</summary>
    /// <param name="context">The finished session.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>Where the change went.</returns>
    protected abstract ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken);
}
