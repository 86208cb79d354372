using Honk.Delivery.GitHub;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// The effects ledger's reality check for the <c>pr</c> channel: after a crash between "began" and "done", the pull
/// request an earlier attempt opened (found by the session's branch and the hidden session marker in its body) counts
/// as delivered, so no second pull request is opened. Register it for the channel:
/// <c>composerOptions.DeliveryVerifiers["pr"] = new GitHubPullRequestEffectVerifier(channel)</c>.
/// </summary>
public sealed class GitHubPullRequestEffectVerifier : IDeliveryEffectVerifier
{
    private readonly GitHubPullRequestChannel _channel;

    /// <summary>Creates the check for a channel.</summary>
    /// <param name="channel">The pull-request channel (its repository and head owner are where it looks).</param>
    public GitHubPullRequestEffectVerifier(GitHubPullRequestChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <inheritdoc />
    public ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default)
        => _channel.FindDeliveredAsync(context, cancellationToken);
}
