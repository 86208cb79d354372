using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

public sealed class LocalSourceTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task AcquireAsync_LocalRepositoryWithWorkInProgress_LeavesItUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository("user-repo", new Dictionary<string, string> { ["a.txt"] = "one\n", ["b.txt"] = "bee\n" });
        GitTool.Run(source, "branch", "feature");
        GitTool.WriteFile(source, "a.txt", "stashed\n");
        GitTool.Run(source, "stash", "push", "--quiet", "-m", "wip");
        GitTool.WriteFile(source, "b.txt", "staged\n");
        GitTool.Run(source, "add", "b.txt");
        GitTool.WriteFile(source, "a.txt", "unstaged\n");
        GitTool.WriteFile(source, "untracked.txt", "new\n");
        // An index with stale stat data: any command that refreshes and rewrites the index would change its bytes.
        File.SetLastWriteTimeUtc(Path.Combine(source, "b.txt"), DateTime.UtcNow.AddHours(-1));
        var before = Snapshot.Take(source);

        var provider = _sandbox.CreateProvider();
        await using (var workspace = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(source, "Fix the parser"), ct))
        {
            Assert.True(workspace.SourceHasUncommittedChanges);
            Assert.Equal(GitTool.Head(source), workspace.BaseCommit);
            Assert.Equal("one\n", File.ReadAllText(Path.Combine(workspace.RootPath, "a.txt")));
            Assert.Equal("bee\n", File.ReadAllText(Path.Combine(workspace.RootPath, "b.txt")));
            Assert.False(File.Exists(Path.Combine(workspace.RootPath, "untracked.txt")));
            Assert.False(workspace.RootPath.StartsWith(source, StringComparison.Ordinal));

            File.WriteAllText(Path.Combine(workspace.RootPath, "a.txt"), "session edit\n");
            File.WriteAllText(Path.Combine(workspace.RootPath, "c.txt"), "session file\n");
            var commit = await workspace.CommitAsync("Session change", ct);
            Assert.True(commit.Committed);
            Assert.Equal(0, GitTool.TryRun(workspace.MirrorPath, "rev-parse", "--verify", "refs/heads/" + workspace.Branch).ExitCode);
        }

        Snapshot.Take(source).AssertEqual(before);
    }

    [Fact]
    public async Task AcquireAsync_UnchangedLocalSource_UsesTheMirrorWithoutFetchingAndANewCommitIsFetched()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository("user-repo", new Dictionary<string, string> { ["a.txt"] = "one\n" });
        var provider = _sandbox.CreateProvider();
        string marker;
        await using (var first = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(source), ct))
        {
            marker = Path.Combine(first.MirrorPath, "honk-last-fetch");
        }

        // The base commit is read from the source; a mirror that holds it is not fetched again.
        File.WriteAllText(marker, "0");
        await using (var second = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(source), ct))
        {
            Assert.Equal(GitTool.Head(source), second.BaseCommit);
            Assert.Equal("0", File.ReadAllText(marker));
        }

        GitTool.Commit(source, "a.txt", "two\n", "Second");
        await using var third = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(source), ct);

        Assert.Equal(GitTool.Head(source), third.BaseCommit);
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(third.RootPath, "a.txt")));
        Assert.NotEqual("0", File.ReadAllText(marker));
    }

    [Fact]
    public async Task AcquireAsync_DetachedHeadOnNoBranch_StartsFromThatCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository();
        GitTool.Run(source, "checkout", "--quiet", "--detach");
        var detached = GitTool.Commit(source, "detached.txt", "only here\n");

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(source), ct);

        Assert.Equal(detached, workspace.BaseCommit);
        Assert.True(File.Exists(Path.Combine(workspace.RootPath, "detached.txt")));
        Assert.False(workspace.SourceHasUncommittedChanges);
    }

    [Fact]
    public async Task AcquireAsync_WorktreesRootThroughASymbolicLink_PathsAreGitsResolvedOnes()
    {
        // The worktree's paths are read from the files `worktree add` wrote, not from `git rev-parse`: they must be
        // exactly what rev-parse prints (every link resolved), or the index and the worktree's record are missed.
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository("linked-root", new Dictionary<string, string> { ["a.txt"] = "one\n" });
        var real = _sandbox.Combine("real-worktrees");
        Directory.CreateDirectory(real);
        var link = _sandbox.Combine("linked-worktrees");
        Directory.CreateSymbolicLink(link, real);
        var provider = _sandbox.CreateProvider(options => options.WorktreesRoot = link);

        var workspace = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(source), ct);
        var gitSays = GitTool.Run(workspace.RootPath, "rev-parse", "--show-toplevel", "--absolute-git-dir").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var root = workspace.RootPath;

        Assert.Equal(gitSays[0], root);
        Assert.StartsWith(real, root, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, "b.txt"), "two\n");
        Assert.Equal(["b.txt"], await workspace.GetChangedFilesAsync(ct));
        Assert.True((await workspace.CommitAsync("add b", ct)).Committed);
        await workspace.DisposeAsync();
        Assert.False(Directory.Exists(root));
        Assert.False(Directory.Exists(gitSays[1]));
        Assert.DoesNotContain(root, GitTool.Run(workspace.MirrorPath, "worktree", "list", "--porcelain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_SubfolderOfRepository_UsesTheRepositoryRoot()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository(files: new Dictionary<string, string> { ["src/app/main.c"] = "int main;\n" });

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(Path.Combine(source, "src", "app")), ct);

        Assert.Equal(source, workspace.Source);
        Assert.True(File.Exists(Path.Combine(workspace.RootPath, "src", "app", "main.c")));
    }

    [Fact]
    public async Task AcquireAsync_BareRepositoryPath_UsesItAsTheSource()
    {
        var ct = TestContext.Current.CancellationToken;
        var origin = _sandbox.CreateRepository(files: new Dictionary<string, string> { ["x.txt"] = "x\n" });
        var bare = _sandbox.Combine("bare.git");
        GitTool.Run(_sandbox.Root, "clone", "--quiet", "--bare", origin, bare);

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(bare), ct);

        Assert.Equal(bare, workspace.Source);
        Assert.Equal(GitTool.Head(origin), workspace.BaseCommit);
        Assert.True(File.Exists(Path.Combine(workspace.RootPath, "x.txt")));
        Assert.False(workspace.SourceHasUncommittedChanges);
    }

    [Fact]
    public async Task AcquireAsync_BaseRefAndBranchName_StartsThereOnThatBranch()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository();
        var first = GitTool.Head(source);
        GitTool.Run(source, "tag", "v1");
        GitTool.Commit(source, "later.txt", "later\n");

        var request = Sandbox.Request(source) with { BaseRef = "v1", BranchName = "fix/custom-name" };
        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(request, ct);

        Assert.Equal(first, workspace.BaseCommit);
        Assert.Equal("fix/custom-name", workspace.Branch);
        Assert.Equal("fix/custom-name", GitTool.Run(workspace.RootPath, "branch", "--show-current").Trim());
        Assert.False(File.Exists(Path.Combine(workspace.RootPath, "later.txt")));
        Assert.DoesNotContain("fix/custom-name", GitTool.Run(source, "branch", "--list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_DefaultBranchName_UsesPrefixSlugAndShortId()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository();
        var request = new WorkspaceRequest(source, "20261121-093000-AB12cd34") { Label = "Fix NRE in OrderService!" };

        await using var workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(request, ct);
        await using var second = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(request, ct);

        Assert.Equal("honk/fix-nre-in-orderservice-ab12cd34", workspace.Branch);
        Assert.Equal("honk/fix-nre-in-orderservice-ab12cd34-2", second.Branch);
    }

    [Fact]
    public async Task AcquireAsync_ExistingExplicitBranch_FailsClearly()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _sandbox.CreateRepository();
        var provider = _sandbox.CreateProvider();
        var request = Sandbox.Request(source) with { BranchName = "taken" };
        await using var first = await provider.AcquireGitWorkspaceAsync(request, ct);

        var error = await Assert.ThrowsAsync<GitException>(async () => await provider.AcquireAsync(request with { SessionId = "other" }, ct));

        Assert.Contains("'taken' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_UnknownBaseRef_FailsNamingTheRef()
    {
        var source = _sandbox.CreateRepository();

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(source) with { BaseRef = "no-such-branch" }, TestContext.Current.CancellationToken));

        Assert.Contains("'no-such-branch'", error.Message, StringComparison.Ordinal);
        Assert.Contains(source, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_MissingPath_FailsNamingThePath()
    {
        var missing = _sandbox.Combine("does-not-exist");

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(missing), TestContext.Current.CancellationToken));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_FolderThatIsNotARepository_FailsNamingThePath()
    {
        var plain = _sandbox.Combine("plain");
        Directory.CreateDirectory(plain);

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(plain), TestContext.Current.CancellationToken));

        Assert.Contains($"'{plain}' is not a git repository", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.MirrorFolders());
    }

    [Fact]
    public async Task AcquireAsync_RepositoryWithoutCommits_FailsClearly()
    {
        var empty = _sandbox.Combine("empty");
        Directory.CreateDirectory(empty);
        GitTool.Run(empty, "init", "--quiet");

        var error = await Assert.ThrowsAsync<GitException>(async () =>
            await _sandbox.CreateProvider().AcquireAsync(Sandbox.Request(empty), TestContext.Current.CancellationToken));

        Assert.Contains("has no commits", error.Message, StringComparison.Ordinal);
    }
}
