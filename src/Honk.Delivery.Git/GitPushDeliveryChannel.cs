using Honk.Delivery.Git.Internal;
using Honk.Git;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git;

/// <summary>
/// <c>push</c>: commits the session's change and pushes its branch to the repository's remote (the origin of the
/// workspace's mirror, or <see cref="GitDeliveryOptions.PushUrl"/>). Never forces.
/// </summary>
/// <remarks>
/// Idempotent: when the remote branch already points at the delivered commit nothing is pushed again. A push the
/// remote refuses (not a fast-forward, a hook) is a failed result carrying git's reason. Credentials in the URL never
/// appear in results.
/// </remarks>
public sealed class GitPushDeliveryChannel : DeliveryChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "push";

    private readonly GitDelivery _delivery;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied and checked here.</param>
    /// <param name="timeProvider">The clock for commit dates and time limits; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GitPushDeliveryChannel(GitDeliveryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _delivery = new GitDelivery(options, timeProvider);
    }

    /// <inheritdoc />
    public override string Name => ChannelName;

    /// <inheritdoc />
    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
        => _delivery.DeliverAsync(ChannelName, context, (workspace, commit, ct) => PushAsync(context, workspace, commit, ct), cancellationToken);

    private async Task<DeliveryResult> PushAsync(DeliveryContext context, GitWorkspace workspace, SessionCommit commit, CancellationToken cancellationToken)
    {
        var git = _delivery.Git;
        var url = _delivery.Options.PushUrl;
        if (url is null)
        {
            var origin = await _delivery.Repository.GetConfigValueAsync(workspace.MirrorPath, "remote.origin.url", cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(origin))
            {
                return DeliveryResult.Failed(ChannelName, $"The mirror '{workspace.MirrorPath}' has no origin remote to push to; set {nameof(GitDeliveryOptions)}.{nameof(GitDeliveryOptions.PushUrl)}.");
            }

            url = origin;
        }

        if (url.StartsWith('-'))
        {
            return DeliveryResult.Failed(ChannelName, "The push URL must not start with '-'.");
        }

        var secrets = CredentialRedactor.SecretsOf(url);
        var where = CredentialRedactor.Redact(url, secrets);
        var target = await _delivery.TargetBranchAsync(context, workspace, cancellationToken).ConfigureAwait(false);
        var remoteRef = "refs/heads/" + target;
        var timeout = _delivery.Options.NetworkTimeout;

        var listing = await git.RunAsync(new GitCommand(workspace.MirrorPath, ["ls-remote", "--refs", url, remoteRef]) { Timeout = timeout, Secrets = secrets }, cancellationToken).ConfigureAwait(false);
        if (!listing.Succeeded)
        {
            return Failed($"Could not reach {where}: {PushReport.Reason("", listing.StandardError)}", target, commit);
        }

        var remoteTip = listing.StandardOutput.Split('\n')
            .Select(line => line.Split('\t'))
            .FirstOrDefault(fields => fields.Length == 2 && fields[1].Trim() == remoteRef)?[0];
        if (remoteTip == commit.Commit)
        {
            return Delivered($"Branch '{target}' on {where} already holds the change ({ShortSha.Of(commit.Commit)}); nothing pushed.", target, commit);
        }

        var push = await git.RunAsync(
            new GitCommand(workspace.MirrorPath, ["push", "--porcelain", "--no-verify", "--no-recurse-submodules", url, $"{commit.Commit}:{remoteRef}"]) { Timeout = timeout, Secrets = secrets },
            cancellationToken).ConfigureAwait(false);
        if (!push.Succeeded)
        {
            return Failed($"Push of '{target}' to {where} was rejected: {PushReport.Reason(push.StandardOutput, push.StandardError)}", target, commit);
        }

        var verb = remoteTip is null ? "Pushed new branch" : "Pushed";
        return Delivered($"{verb} '{target}' to {where} at {ShortSha.Of(commit.Commit)}.", target, commit);
    }

    private static DeliveryResult Delivered(string message, string branch, SessionCommit commit)
        => DeliveryResult.Delivered(ChannelName, message) with { Branch = branch, Commit = commit.Commit };

    private static DeliveryResult Failed(string message, string branch, SessionCommit commit)
        => DeliveryResult.Failed(ChannelName, message) with { Branch = branch, Commit = commit.Commit };
}
