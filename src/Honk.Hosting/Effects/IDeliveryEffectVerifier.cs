namespace Honk.Hosting;

/// <summary>
/// Checks reality for a delivery whose outcome the ledger does not know (the host died between recording the key and
/// recording the outcome): did the push, the pull request, the message happen after all?
/// </summary>
public interface IDeliveryEffectVerifier
{
    /// <summary>Looks for the delivery's trace outside Honk (a remote branch, an open pull request, a posted message).</summary>
    /// <param name="context">The delivery as it would be made now.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The delivery's result when it did happen; <see langword="null"/> when it did not (then it is made).</returns>
    ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default);
}
