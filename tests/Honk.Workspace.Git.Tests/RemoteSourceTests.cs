using Honk.Testing.Shared;
using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

public sealed class RemoteSourceTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task AcquireAsync_FileUrl_ChecksOutTheDefaultBranch()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository(files: new Dictionary<string, string> { ["hello.txt"] = "hi\n" });
        GitTool.Run(upstream, "checkout", "--quiet", "-b", "other");
        GitTool.Commit(upstream, "other.txt", "not on main\n");
        GitTool.Run(upstream, "checkout", "--quiet", "main");

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream), ct);

        Assert.Equal(GitTool.Head(upstream, "main"), workspace.BaseCommit);
        Assert.Equal("hi\n", File.ReadAllText(Path.Combine(workspace.RootPath, "hello.txt")));
        Assert.False(File.Exists(Path.Combine(workspace.RootPath, "other.txt")));
        Assert.StartsWith(Path.Combine(_sandbox.CacheRoot, "worktrees"), workspace.RootPath, StringComparison.Ordinal);
        Assert.Equal(workspace.RootPath, Path.GetFullPath(workspace.RootPath));
    }

    [Fact]
    public async Task AcquireAsync_GitDaemonUrl_ClonesOverTheGitProtocol()
    {
        var ct = TestContext.Current.CancellationToken;
        var served = _sandbox.Combine("served");
        var upstream = GitTool.InitRepository(Path.Combine(served, "project"), new Dictionary<string, string> { ["src/lib.rs"] = "fn main() {}\n" });
        GitTool.Run(upstream, "checkout", "--quiet", "-b", "release");
        var release = GitTool.Commit(upstream, "CHANGELOG.md", "1.0\n");
        using var daemon = GitDaemon.Start(served);

        var provider = _sandbox.CreateProvider();
        await using var onDefault = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(daemon.UrlFor("project")), ct);
        await using var onRelease = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(daemon.UrlFor("project")) with { BaseRef = "release" }, ct);

        Assert.Equal(release, onDefault.BaseCommit); // the daemon's HEAD is the repository's current branch
        Assert.True(File.Exists(Path.Combine(onDefault.RootPath, "src", "lib.rs")));
        Assert.Equal(release, onRelease.BaseCommit);
        Assert.Single(_sandbox.MirrorFolders());
        Assert.Equal(daemon.UrlFor("project"), onDefault.Source);
    }

    [Fact]
    public async Task AcquireAsync_SecondSession_ReusesMirrorAndFetchesNewCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        GitTool.Run(upstream, "branch", "doomed");
        var provider = _sandbox.CreateProvider();
        string firstBranch;
        string mirror;
        await using (var first = await provider.AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream), ct))
        {
            firstBranch = first.Branch;
            mirror = first.MirrorPath;
        }

        var marker = Path.Combine(mirror, "reuse-marker");
        File.WriteAllText(marker, "");
        var newHead = GitTool.Commit(upstream, "new.txt", "fresh\n");
        GitTool.Run(upstream, "branch", "-D", "doomed");

        await using var second = await provider.AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream + "/"), ct);

        Assert.Equal(mirror, second.MirrorPath);
        Assert.Equal("file://" + upstream + "/", GitTool.Run(mirror, "config", "remote.origin.url").Trim());
        Assert.True(File.Exists(marker));
        Assert.Single(_sandbox.MirrorFolders());
        Assert.Equal(newHead, second.BaseCommit);
        Assert.True(File.Exists(Path.Combine(second.RootPath, "new.txt")));
        var refs = GitTool.Run(mirror, "for-each-ref", "--format=%(refname)");
        Assert.DoesNotContain("refs/remotes/origin/doomed", refs, StringComparison.Ordinal);
        Assert.Contains("refs/heads/" + firstBranch, refs, StringComparison.Ordinal); // prune keeps session branches
    }

    [Fact]
    public async Task AcquireAsync_WithinRefreshInterval_SkipsTheFetch()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository();
        var original = GitTool.Head(upstream);
        var provider = _sandbox.CreateProvider(o => o.MirrorRefreshInterval = TimeSpan.FromHours(1));
        await using (await provider.AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream), ct))
        {
        }

        GitTool.Commit(upstream, "new.txt", "fresh\n");
        await using var second = await provider.AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream), ct);

        Assert.Equal(original, second.BaseCommit);
    }

    [Fact]
    public async Task AcquireAsync_PartialClone_LeavesOldBlobsOnTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        var served = _sandbox.Combine("served");
        var upstream = GitTool.InitRepository(Path.Combine(served, "big"), new Dictionary<string, string> { ["data.bin"] = new string('x', 5000) });
        var oldBlob = GitTool.Run(upstream, "rev-parse", "HEAD:data.bin").Trim();
        GitTool.Commit(upstream, "data.bin", new string('y', 5000));
        GitTool.Run(upstream, "config", "uploadpack.allowFilter", "true");
        using var daemon = GitDaemon.Start(served);

        await using var workspace = await _sandbox.CreateProvider(o => o.PartialClone = true)
            .AcquireGitWorkspaceAsync(Sandbox.Request(daemon.UrlFor("big")), ct);

        Assert.Equal(new string('y', 5000), File.ReadAllText(Path.Combine(workspace.RootPath, "data.bin")));
        Assert.Equal("blob:none", GitTool.Run(workspace.MirrorPath, "config", "remote.origin.partialclonefilter").Trim());
        var missing = GitTool.Run(workspace.MirrorPath, "rev-list", "--objects", "--all", "--missing=print");
        Assert.Contains("?" + oldBlob, missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_FullClone_HasEveryBlob()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository(files: new Dictionary<string, string> { ["data.txt"] = "old\n" });
        GitTool.Commit(upstream, "data.txt", "new\n");

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request("file://" + upstream), ct);

        var missing = GitTool.Run(workspace.MirrorPath, "rev-list", "--objects", "--all", "--missing=print");
        Assert.DoesNotContain("?", missing, StringComparison.Ordinal);
        Assert.Equal("", GitTool.TryRun(workspace.MirrorPath, "config", "remote.origin.promisor").Output);
    }

    [Fact]
    public async Task AcquireAsync_ClosedPort_FailsFastWithGitsError()
    {
        var url = $"git://127.0.0.1:{LoopbackPorts.Free()}/nothing";

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(url), TestContext.Current.CancellationToken));

        // Fast means git gave up on its own: it was not stopped at the network time limit (a minute in these tests).
        Assert.False(error.TimedOut, error.Message);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Command);
        Assert.Contains("fetch", error.Command, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.StandardError));
        Assert.DoesNotContain(_sandbox.MirrorFolders(), f => f.EndsWith(".git", StringComparison.Ordinal) || f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcquireAsync_SshUrlUnreachable_FailsFastWithSshsError()
    {
        var url = $"ssh://git@127.0.0.1:{LoopbackPorts.Free()}/org/repo.git";

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(url), TestContext.Current.CancellationToken));

        // Fast means git gave up on its own: it was not stopped at the network time limit (a minute in these tests).
        Assert.False(error.TimedOut, error.Message);
        Assert.Contains("Connection refused", error.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_ServerAsksForPassword_FailsInsteadOfPrompting()
    {
        using var server = LoopbackServer.Unauthorized();
        var url = $"http://alice:s3cret@127.0.0.1:{server.Port}/repo.git";

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(url), TestContext.Current.CancellationToken));

        // A prompt would wait on a person until the network time limit (a minute in these tests) stopped git.
        Assert.False(error.TimedOut, error.Message);
        Assert.True(server.Connections > 0);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Command!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_ServerNeverAnswers_StopsAtTheNetworkTimeout()
    {
        using var server = LoopbackServer.Silent();
        var url = $"git://127.0.0.1:{server.Port}/repo";

        var networkTimeout = TimeSpan.FromSeconds(1);
        var acquire = _sandbox.CreateProvider(o => o.NetworkTimeout = networkTimeout).AcquireAsync(Sandbox.Request(url), TestContext.Current.CancellationToken).AsTask();

        // Had the network limit been ignored, the command limit (a minute here, below the hang limit) would stop git: the message tells which did.
        await HangLimit.EndsAsync(acquire, "the fetch from a silent server was never stopped");
        var error = await Assert.ThrowsAsync<GitException>(() => acquire);
        Assert.True(error.TimedOut);
        Assert.Contains($"did not finish within {networkTimeout}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.invalid/repo.git")]
    [InlineData("gopher://example.invalid/repo")]
    public async Task AcquireAsync_UnsupportedScheme_FailsWithoutRunningGit(string url)
    {
        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(url), TestContext.Current.CancellationToken));

        Assert.Contains("scheme", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.MirrorFolders());
    }

    [Fact]
    public async Task AcquireAsync_EmptyRemote_FailsSayingThereIsNoDefaultBranch()
    {
        var empty = _sandbox.Combine("empty.git");
        Directory.CreateDirectory(empty);
        GitTool.Run(empty, "init", "--bare", "--quiet");

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request("file://" + empty), TestContext.Current.CancellationToken));

        Assert.Contains("no default branch", error.Message, StringComparison.Ordinal);
    }
}
