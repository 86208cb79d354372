using System.Diagnostics;
using Honk.Testing;
using Honk.Workspaces.Git.Internal;
using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

public sealed class ConcurrencyAndReclaimTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task AcquireAsync_ThreeSessionsAtOnce_GetIndependentWorktrees()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var url = "file://" + upstream;

        // Separate providers, as separate hosts sharing one cache would be; the mirror does not exist yet.
        var workspaces = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            Task.Run(async () => await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(url, $"task {i}"), ct), ct)));
        try
        {
            Assert.Single(_sandbox.MirrorFolders(), f => f.EndsWith(".git", StringComparison.Ordinal));
            Assert.Equal(3, workspaces.Select(w => w.RootPath).Distinct().Count());
            Assert.Equal(3, workspaces.Select(w => w.Branch).Distinct().Count());

            await Task.WhenAll(workspaces.Select((w, i) => Task.Run(async () =>
            {
                File.WriteAllText(Path.Combine(w.RootPath, $"file{i}.txt"), $"session {i}\n");
                var commit = await w.CommitAsync($"session {i}", ct);
                Assert.True(commit.Committed);
            }, ct)));

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal([$"file{i}.txt"], await workspaces[i].GetChangedFilesAsync(ct));
                var tree = GitTool.Run(workspaces[i].MirrorPath, "ls-tree", "--name-only", "refs/heads/" + workspaces[i].Branch);
                Assert.Equal($"README.md\nfile{i}.txt\n", tree);
            }
        }
        finally
        {
            foreach (var workspace in workspaces)
            {
                await workspace.DisposeAsync();
            }
        }

        Assert.Empty(Directory.GetDirectories(Directory.GetDirectories(Path.Combine(_sandbox.CacheRoot, "worktrees")).Single()));
    }

    [Theory]
    [InlineData("dead process")]
    [InlineData("reused process id")]
    public async Task AcquireAsync_WorktreeOfACrashedSession_IsReclaimedButItsBranchKept(string how)
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var provider = _sandbox.CreateProvider();
        var crashed = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        await using var alive = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        File.WriteAllText(Path.Combine(crashed.RootPath, "lost.txt"), "work of a session that died\n");
        await crashed.CommitAsync("saved before the crash", ct);
        var ownerFile = crashed.RootPath + WorktreeOwner.FileSuffix;
        Assert.True(File.Exists(ownerFile));
        var pid = how == "dead process" ? DeadProcessId() : Environment.ProcessId;
        File.WriteAllText(ownerFile, $"pid={pid}\nstart=0\nhost={Environment.MachineName}\n");
        var leftover = Path.Combine(Path.GetDirectoryName(crashed.RootPath)!, "interrupted-removal");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "junk.txt"), "junk");

        await using var next = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);

        Assert.False(Directory.Exists(crashed.RootPath));
        Assert.False(File.Exists(ownerFile));
        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(alive.RootPath));
        var worktrees = GitTool.Run(next.MirrorPath, "worktree", "list", "--porcelain");
        Assert.DoesNotContain(crashed.RootPath, worktrees, StringComparison.Ordinal);
        Assert.Contains(alive.RootPath, worktrees, StringComparison.Ordinal);
        Assert.Contains("lost.txt", GitTool.Run(next.MirrorPath, "ls-tree", "--name-only", "refs/heads/" + crashed.Branch), StringComparison.Ordinal);
        await crashed.DisposeAsync(); // a late dispose of the reclaimed workspace is harmless
        Assert.True(Directory.Exists(alive.RootPath));
    }

    [Fact]
    public async Task AcquireAsync_WorktreeFolderDeletedByHand_IsPrunedFromGit()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var provider = _sandbox.CreateProvider();
        var gone = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        Directory.Delete(gone.RootPath, recursive: true);

        await using var next = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);

        Assert.DoesNotContain(gone.RootPath, GitTool.Run(next.MirrorPath, "worktree", "list", "--porcelain"), StringComparison.Ordinal);
        await gone.DisposeAsync();
    }

    [Fact]
    public async Task MirrorLock_HeldElsewhere_WaitsTheWholeTimeoutThenGivesUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _sandbox.Combine("test.lock");
        var timeout = TimeSpan.FromMilliseconds(200);
        using (await MirrorLock.AcquireAsync(path, TimeSpan.FromSeconds(5), TimeProvider.System, ct))
        {
            // On a clock that moves only when the lock waits on it, "it waited" is a fact, not a race with a busy machine.
            var clock = new SteppingTimeProvider();
            var waiting = MirrorLock.AcquireAsync(path, timeout, clock, ct);
            await HangLimit.EndsAsync(waiting, "the wait for a held lock never gave up");
            var error = await Assert.ThrowsAsync<GitException>(() => waiting);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.True(clock.Waits > 1, $"the lock was tried {clock.Waits + 1} time(s)");
            Assert.InRange(clock.Elapsed, timeout, timeout + TimeSpan.FromSeconds(1));

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var waitingForever = MirrorLock.AcquireAsync(path, Timeout.InfiniteTimeSpan, TimeProvider.System, cancel.Token);
            Assert.False(waitingForever.IsCompleted); // the first try failed, so it waits
            await cancel.CancelAsync();
            await HangLimit.EndsAsync(waitingForever, "a cancelled wait for the lock went on waiting");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waitingForever);
        }

        using var again = await MirrorLock.AcquireAsync(path, TimeSpan.FromMilliseconds(200), TimeProvider.System, ct);
    }

    [Fact]
    public async Task MirrorLock_HeldByAnotherProcess_IsExclusiveUntilThatProcessDies()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _sandbox.Combine("shared.lock");
        var info = new ProcessStartInfo("flock") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--exclusive", path, "sh", "-c", "echo locked; sleep 30" })
        {
            info.ArgumentList.Add(argument);
        }

        using var holder = Process.Start(info)!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(ct));

            await Assert.ThrowsAsync<GitException>(() => MirrorLock.AcquireAsync(path, TimeSpan.FromMilliseconds(300), TimeProvider.System, ct));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(ct);
            using var acquired = await MirrorLock.AcquireAsync(path, TimeSpan.FromSeconds(5), TimeProvider.System, ct);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void WorktreeOwner_CurrentProcess_IsAliveAndRoundTrips()
    {
        var path = _sandbox.Combine("x" + WorktreeOwner.FileSuffix);
        WorktreeOwner.Current.Write(path);

        var read = WorktreeOwner.TryRead(path);

        Assert.Equal(WorktreeOwner.Current, read);
        Assert.True(read!.IsAlive());
        Assert.False((read with { ProcessId = DeadProcessId() }).IsAlive());
        Assert.True((read with { ProcessId = DeadProcessId(), MachineName = "another-host" }).IsAlive());
        File.WriteAllText(path, "garbage");
        Assert.Null(WorktreeOwner.TryRead(path));
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
