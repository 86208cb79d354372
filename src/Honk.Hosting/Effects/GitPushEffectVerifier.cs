using Honk.Delivery.Git;
using Honk.Workspaces.Git;

namespace Honk.Hosting;

/// <summary>
/// Did a push happen after all? Asks the remote for the delivery branch (<c>git ls-remote</c>) and accepts it when its
/// tip is a commit of this session (its <c>Honk-Session</c> trailer names the session).
/// </summary>
public sealed class GitPushEffectVerifier : IDeliveryEffectVerifier
{
    private readonly string? _pushUrl;

    /// <summary>Creates the check.</summary>
    /// <param name="pushUrl">The URL pushes go to; the mirror's origin when <see langword="null"/> (as for <see cref="GitPushDeliveryChannel"/>).</param>
    public GitPushEffectVerifier(string? pushUrl = null)
    {
        _pushUrl = pushUrl;
    }

    /// <inheritdoc />
    public async ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Workspace is not GitWorkspace workspace)
        {
            return null;
        }

        var url = _pushUrl;
        if (url is null)
        {
            var origin = await GitCli.RunAsync(workspace.MirrorPath, ["config", "--get", "remote.origin.url"], cancellationToken).ConfigureAwait(false);
            if (origin.ExitCode != 0 || origin.Output.Length == 0)
            {
                return null;
            }

            url = origin.Output;
        }

        var branch = string.IsNullOrWhiteSpace(context.BranchName) ? workspace.Branch : context.BranchName.Trim();
        var tip = await FindSessionTipAsync(workspace.MirrorPath, url, branch, context.SessionId, cancellationToken).ConfigureAwait(false);
        return tip is null
            ? null
            : DeliveryResult.Delivered(GitPushDeliveryChannel.ChannelName, $"Branch '{branch}' on the remote already holds this session's commit {tip[..Math.Min(12, tip.Length)]} (pushed by an earlier attempt); nothing pushed again.") with { Branch = branch, Commit = tip };
    }

    /// <summary>The tip of <paramref name="branch"/> on <paramref name="url"/> when it is a commit of the session; otherwise <see langword="null"/>.</summary>
    internal static async Task<string?> FindSessionTipAsync(string mirrorPath, string url, string branch, string sessionId, CancellationToken cancellationToken)
    {
        var remoteRef = "refs/heads/" + branch;
        var listing = await GitCli.RunAsync(mirrorPath, ["ls-remote", "--refs", url, remoteRef], cancellationToken).ConfigureAwait(false);
        if (listing.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not ask the remote about '{branch}': {listing.Error}");
        }

        var tip = listing.Output.Split('\n').Select(line => line.Split('\t')).FirstOrDefault(f => f.Length == 2 && f[1].Trim() == remoteRef)?[0];
        if (tip is null)
        {
            return null;
        }

        var present = await GitCli.RunAsync(mirrorPath, ["cat-file", "-e", tip + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (present.ExitCode != 0)
        {
            await GitCli.RunAsync(mirrorPath, ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", url, $"+{remoteRef}:refs/honk-verify/{branch}"], cancellationToken).ConfigureAwait(false);
        }

        var trailers = await GitCli.RunAsync(mirrorPath, ["log", "-1", "--format=%(trailers:key=Honk-Session,valueonly)", tip], cancellationToken).ConfigureAwait(false);
        return trailers.ExitCode == 0 && trailers.Output.Split('\n').Any(v => v.Trim() == sessionId) ? tip : null;
    }
}
