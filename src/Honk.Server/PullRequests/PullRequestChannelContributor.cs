using Honk.Delivery.GitHub;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// What every source of a session's <c>pr</c> channel shares: it adds the channel to the sessions it serves (unless an
/// earlier contributor already did — the campaign's runs before the host's) and answers the effects ledger's reality
/// check with the same channel. A subclass says only which channel a session gets.
/// </summary>
public abstract class PullRequestChannelContributor : ISessionContributor, IDeliveryEffectVerifier
{
    /// <inheritdoc />
    public abstract int Order { get; }

    /// <inheritdoc />
    public async ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (await ChannelForAsync(setup.SessionId, cancellationToken).ConfigureAwait(false) is { } channel
            && !setup.Options.DeliveryChannels.Any(c => c.Name == GitHubPullRequestChannel.ChannelName))
        {
            setup.Options.DeliveryChannels.Add(channel);
        }
    }

    /// <inheritdoc />
    public async ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ChannelForAsync(context.SessionId, cancellationToken).ConfigureAwait(false) is { } channel
            ? await channel.FindDeliveredAsync(context, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The channel for a session, or null when this contributor does not serve it.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The channel, or <see langword="null"/>.</returns>
    /// <exception cref="InvalidOperationException">The session asks for a pull request that cannot be opened (it fails saying why).</exception>
    protected abstract Task<GitHubPullRequestChannel?> ChannelForAsync(string sessionId, CancellationToken cancellationToken);
}
