using System.Text;
using Honk.Delivery.Git.Internal;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git;

/// <summary>
/// <c>patch</c>: commits the session's change and writes <c>git format-patch</c> of the session's commits against
/// its base to <c>&lt;PatchDirectory&gt;/&lt;session&gt;.patch</c>, named by <see cref="DeliveryResult.PatchPath"/>.
/// Apply it with <c>git am</c> on the base commit.
/// </summary>
/// <remarks>Re-delivering the same session rewrites the same file with the same content.</remarks>
public sealed class GitPatchDeliveryChannel : DeliveryChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "patch";

    private readonly GitDelivery _delivery;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied and checked here.</param>
    /// <param name="timeProvider">The clock for commit dates; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GitPatchDeliveryChannel(GitDeliveryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _delivery = new GitDelivery(options, timeProvider);
    }

    /// <inheritdoc />
    public override string Name => ChannelName;

    /// <summary>The folder patch files are written to (absolute).</summary>
    public string PatchDirectory => _delivery.Options.PatchDirectory!;

    /// <summary>The file a session's patch is written to.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <returns>An absolute path under <see cref="PatchDirectory"/>.</returns>
    public string GetPatchPath(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var name = new StringBuilder();
        foreach (var c in sessionId.Trim())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var stem = name.ToString().TrimStart('.');
        return Path.Combine(PatchDirectory, (stem.Length == 0 ? "session" : stem) + ".patch");
    }

    /// <inheritdoc />
    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
        => _delivery.DeliverAsync(ChannelName, context, (workspace, commit, ct) => WritePatchAsync(context, workspace, commit, ct), cancellationToken);

    private async Task<DeliveryResult> WritePatchAsync(DeliveryContext context, GitWorkspace workspace, SessionCommit commit, CancellationToken cancellationToken)
    {
        var path = GetPatchPath(context.SessionId);
        if (IsInside(path, workspace.RootPath) || IsInside(path, workspace.MirrorPath))
        {
            return DeliveryResult.Failed(ChannelName, $"The patch folder '{PatchDirectory}' is inside the session's workspace; choose a folder outside it.") with { Commit = commit.Commit };
        }

        Directory.CreateDirectory(PatchDirectory);

        // git writes the bytes itself (file contents need not be UTF-8), to a temporary file renamed at the end so a
        // reader never sees half a patch.
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await _delivery.Git.RunCheckedAsync(
                workspace.MirrorPath,
                ["format-patch", "--quiet", "--no-signature", "--binary", "--output=" + temporary, $"{commit.BaseCommit}..{commit.Commit}", "--"],
                cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        var count = await CountCommitsAsync(workspace, commit, cancellationToken).ConfigureAwait(false);
        var message = $"Wrote {path} ({count} commit{(count == 1 ? "" : "s")} on {ShortSha.Of(commit.BaseCommit)}); apply it with 'git am'.";
        return DeliveryResult.Delivered(ChannelName, message) with { Branch = commit.Branch, Commit = commit.Commit, PatchPath = path };
    }

    private async Task<int> CountCommitsAsync(GitWorkspace workspace, SessionCommit commit, CancellationToken cancellationToken)
    {
        var count = await _delivery.Git.RunCheckedAsync(workspace.MirrorPath, ["rev-list", "--count", $"{commit.BaseCommit}..{commit.Commit}"], cancellationToken).ConfigureAwait(false);
        return int.TryParse(count.Text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
