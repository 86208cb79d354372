using Honk.Workspaces.Git.Internal;
using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

/// <summary>
/// <see cref="GitWorkspace.ReleaseAsync"/>: the end of a workspace whose files the caller deletes later (a CLI run
/// returns to its user first), and the next acquire deleting what a dead caller left.
/// </summary>
public sealed class ReleaseTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ReleaseAsync_GitForgetsTheWorktree_ItsFilesAreMovedAsideForTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        File.WriteAllText(Path.Combine(workspace.RootPath, "dependency.js"), "installed\n");

        var folder = await workspace.ReleaseAsync();

        Assert.NotNull(folder);
        Assert.EndsWith(StaleWorktreeReclaimer.TrashSuffix, folder, StringComparison.Ordinal);
        Assert.Equal(Path.GetDirectoryName(workspace.RootPath), Path.GetDirectoryName(folder));
        Assert.True(File.Exists(Path.Combine(folder, "dependency.js")));
        Assert.False(Directory.Exists(workspace.RootPath));
        Assert.False(File.Exists(workspace.RootPath + WorktreeOwner.FileSuffix));
        Assert.DoesNotContain(workspace.RootPath, GitTool.Run(workspace.MirrorPath, "worktree", "list", "--porcelain"), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(workspace.MirrorPath, "worktrees")));

        // Released once: a later dispose or release has nothing to do, and the workspace is closed.
        Assert.Null(await workspace.ReleaseAsync());
        await workspace.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await workspace.GetFingerprintAsync(ct));
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public async Task AcquireAsync_AReleasedFolderLeftBehind_IsDeletedWithoutGit()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var provider = _sandbox.CreateProvider();
        var released = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        var folder = await released.ReleaseAsync();
        Assert.NotNull(folder);
        Directory.CreateDirectory(Path.Combine(folder, "node_modules", "left"));
        File.WriteAllText(Path.Combine(folder, "node_modules", "left", "index.js"), "left by a process that died\n");

        await using var next = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);

        // Deleted beside the acquire (it does not wait for thousands of files), so it is gone soon after.
        await HangLimit.UntilAsync(() => !Directory.Exists(folder), "the released folder left behind was never deleted");
        Assert.True(Directory.Exists(next.RootPath));
    }

    [Fact]
    public async Task DisposeAsync_StillDeletesEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        File.WriteAllText(Path.Combine(workspace.RootPath, "new.txt"), "new\n");

        await workspace.DisposeAsync();

        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(workspace.RootPath)!));
    }
}
