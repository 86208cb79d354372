using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task AcquireAsync_AlreadyCancelled_ThrowsBeforeDoingAnything()
    {
        var upstream = _sandbox.CreateRepository();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(upstream), new CancellationToken(canceled: true)));

        Assert.Empty(_sandbox.MirrorFolders());
    }

    [Fact]
    public async Task AcquireAsync_CancelledDuringAHangingFetch_KillsGitAndCleansUp()
    {
        using var server = LoopbackServer.Silent();
        var url = $"git://127.0.0.1:{server.Port}/repo";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // git's own time limits are far beyond the hang limit: only killing git on cancellation ends the fetch in time.
        var provider = _sandbox.CreateProvider(o => o.NetworkTimeout = o.CommandTimeout = TimeSpan.FromHours(1));
        var acquire = provider.AcquireAsync(Sandbox.Request(url), cancel.Token).AsTask();

        // Cancel only once git is inside the fetch (on a busy machine starting git can take seconds).
        await HangLimit.EndsAsync(Task.WhenAny(server.FirstConnection, acquire), "git never reached the server");
        Assert.True(server.Connections > 0, "git never reached the server");
        await cancel.CancelAsync();

        await HangLimit.EndsAsync(acquire, "the cancelled acquire kept waiting for the hanging fetch: git was not killed");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquire);
        Assert.DoesNotContain(_sandbox.MirrorFolders(), f => f.Contains(".git", StringComparison.Ordinal));
        Assert.Empty(ProcessesMentioning($"127.0.0.1:{server.Port}"));
        var lockFile = Directory.GetFiles(Path.Combine(_sandbox.CacheRoot, "mirrors"), "*.lock").Single();
        using var released = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public async Task WorkspaceQueries_Cancelled_Throw()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(_sandbox.CreateRepository()), ct);
        File.WriteAllText(Path.Combine(workspace.RootPath, "new.txt"), "x\n");
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workspace.GetDiffAsync(cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workspace.GetChangedFilesAsync(cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workspace.GetFingerprintAsync(cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workspace.CommitAsync("x", cancelled));

        Assert.Equal(workspace.BaseCommit, GitTool.Head(workspace.RootPath));
        Assert.Equal(["new.txt"], await workspace.GetChangedFilesAsync(ct));
    }

    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(commandLine);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
