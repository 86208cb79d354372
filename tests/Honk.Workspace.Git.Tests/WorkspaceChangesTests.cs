using System.Security.Cryptography;
using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

public sealed class WorkspaceChangesTests : IAsyncLifetime
{
    private readonly Sandbox _sandbox = new();
    private GitWorkspace _workspace = null!;

    public async ValueTask InitializeAsync()
    {
        var upstream = _sandbox.CreateRepository(files: new Dictionary<string, string>
        {
            ["keep.txt"] = "unchanged\n",
            ["modify.txt"] = "line 1\nline 2\n",
            ["delete.txt"] = "going away\n",
            ["old name.txt"] = "a file with enough content to be recognised as renamed\nsecond line\nthird line\n",
            ["image.bin"] = "\0\u0001\u0002binary",
            [".gitignore"] = "*.log\n",
        });
        _workspace = await _sandbox.CreateProvider().AcquireGitWorkspaceAsync(Sandbox.Request(upstream), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _workspace.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task GetChangedFilesAsync_NoChanges_ReturnsEmpty()
    {
        Assert.Empty(await _workspace.GetChangedFilesAsync(TestContext.Current.CancellationToken));
        Assert.Equal("", await _workspace.GetDiffAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetDiffAsync_AskedAgainAfterAnEditOfTheSameSize_ShowsTheNewContent()
    {
        // The workspace keeps its last answer while the work tree is unchanged; an edit that keeps the file's size
        // (and its place in git's status) must still be seen.
        var path = Path.Combine(_workspace.RootPath, "modify.txt");
        await File.WriteAllTextAsync(path, "line 1\nline A\n", TestContext.Current.CancellationToken);
        var first = await _workspace.GetDiffAsync(TestContext.Current.CancellationToken);
        Assert.Equal(first, await _workspace.GetDiffAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["modify.txt"], await _workspace.GetChangedFilesAsync(TestContext.Current.CancellationToken));

        await File.WriteAllTextAsync(path, "line 1\nline B\n", TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        var second = await _workspace.GetDiffAsync(TestContext.Current.CancellationToken);

        Assert.Contains("+line A\n", first, StringComparison.Ordinal);
        Assert.Contains("+line B\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("line A", second, StringComparison.Ordinal);

        File.Delete(path);
        Assert.Equal(["modify.txt"], await _workspace.GetChangedFilesAsync(TestContext.Current.CancellationToken));
        Assert.Contains("deleted file mode", await _workspace.GetDiffAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChangedFilesAsync_EveryKindOfChange_ListsThemSorted()
    {
        MakeEveryKindOfChange();

        var changed = await _workspace.GetChangedFilesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["delete.txt", "docs/new file.md", "image.bin", "modify.txt", "new name.txt", "old name.txt"], changed);
    }

    [Fact]
    public async Task GetDiffAsync_EveryKindOfChange_ShowsThemAgainstTheBase()
    {
        MakeEveryKindOfChange();

        var diff = await _workspace.GetDiffAsync(TestContext.Current.CancellationToken);

        Assert.Contains("diff --git a/modify.txt b/modify.txt", diff, StringComparison.Ordinal);
        Assert.Contains("-line 2\n+line two\n", diff, StringComparison.Ordinal);
        Assert.Contains("new file mode 100644\n", diff, StringComparison.Ordinal);
        Assert.Contains("+++ b/docs/new file.md", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -0,0 +1 @@\n+brand new\n", diff, StringComparison.Ordinal);
        Assert.Contains("deleted file mode 100644\n", diff, StringComparison.Ordinal);
        Assert.Contains("rename from old name.txt\nrename to new name.txt\n", diff, StringComparison.Ordinal);
        Assert.Contains("Binary files a/image.bin and b/image.bin differ", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("debug.log", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("keep.txt", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChangedFilesAndDiff_AreExactlyWhatGitPrintsForTheSameStagedTree()
    {
        // Both come from one `git diff --raw -p`; they must equal the separate --name-status and -p diffs git prints.
        var ct = TestContext.Current.CancellationToken;
        MakeEveryKindOfChange();

        var changed = await _workspace.GetChangedFilesAsync(ct);
        var diff = await _workspace.GetDiffAsync(ct);

        GitTool.Run(_workspace.RootPath, "add", "--all");
        string[] common = ["diff", "--cached", "-M", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/"];
        var names = GitTool.Run(_workspace.RootPath, [.. common, "--name-status", "-z", _workspace.BaseCommit, "--"]);
        Assert.Equal(Honk.Git.GitOutputParser.ParseNameStatus(names), changed);
        Assert.Equal(GitTool.Run(_workspace.RootPath, [.. common, "--no-textconv", _workspace.BaseCommit, "--"]), diff);
    }

    [Fact]
    public async Task GetDiffAsync_AfterTheModelStagedAndCommitted_StillDiffsAgainstTheBaseAndLeavesTheIndexAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllText(Path.Combine(_workspace.RootPath, "committed.txt"), "via the model's git tool\n");
        GitTool.Run(_workspace.RootPath, "add", "committed.txt");
        GitTool.Run(_workspace.RootPath, "commit", "--quiet", "-m", "model commit");
        File.WriteAllText(Path.Combine(_workspace.RootPath, "staged.txt"), "staged\n");
        GitTool.Run(_workspace.RootPath, "add", "staged.txt");
        File.WriteAllText(Path.Combine(_workspace.RootPath, "untracked.txt"), "untracked\n");
        var indexPath = GitTool.Run(_workspace.RootPath, "rev-parse", "--git-path", "index").Trim();
        var indexBefore = SHA256.HashData(File.ReadAllBytes(Path.Combine(_workspace.RootPath, indexPath)));

        var changed = await _workspace.GetChangedFilesAsync(ct);
        await _workspace.GetDiffAsync(ct);

        Assert.Equal(["committed.txt", "staged.txt", "untracked.txt"], changed);
        Assert.Equal(indexBefore, SHA256.HashData(File.ReadAllBytes(Path.Combine(_workspace.RootPath, indexPath))));
        Assert.Equal("staged.txt\n", GitTool.Run(_workspace.RootPath, "diff", "--cached", "--name-only"));
        // One throw-away index is kept for the next query and the commit's staging (both queries used the same one).
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(Path.Combine(_workspace.RootPath, indexPath))!), f => f.Contains("honk-index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetFingerprintAsync_TracksEveryEditButNotRereads()
    {
        var ct = TestContext.Current.CancellationToken;
        var clean = await _workspace.GetFingerprintAsync(ct);
        Assert.Equal(clean, await _workspace.GetFingerprintAsync(ct));

        File.WriteAllText(Path.Combine(_workspace.RootPath, "modify.txt"), "first edit\n");
        var firstEdit = await _workspace.GetFingerprintAsync(ct);
        _ = File.ReadAllText(Path.Combine(_workspace.RootPath, "modify.txt"));
        Assert.Equal(firstEdit, await _workspace.GetFingerprintAsync(ct));

        File.WriteAllText(Path.Combine(_workspace.RootPath, "modify.txt"), "second edit, longer\n");
        var secondEdit = await _workspace.GetFingerprintAsync(ct);
        File.WriteAllText(Path.Combine(_workspace.RootPath, "ignored.log"), "ignored\n");
        var afterIgnored = await _workspace.GetFingerprintAsync(ct);
        File.WriteAllText(Path.Combine(_workspace.RootPath, "extra.txt"), "new\n");
        var afterNewFile = await _workspace.GetFingerprintAsync(ct);

        Assert.Equal(64, clean.Length);
        Assert.Equal(4, new[] { clean, firstEdit, secondEdit, afterNewFile }.Distinct().Count());
        Assert.Equal(secondEdit, afterIgnored);
    }

    [Fact]
    public async Task StageAllAsync_AfterTheDiff_StagesWhatTheDiffShowedAndLeavesNoTemporaryIndex()
    {
        // The diff's throw-away index becomes the real one: the same staging as `git add --all`.
        var ct = TestContext.Current.CancellationToken;
        GitTool.WriteFile(_workspace.RootPath, "modify.txt", "line 1\nline 2 changed\n");
        GitTool.WriteFile(_workspace.RootPath, "new.txt", "brand new\n");
        File.Delete(Path.Combine(_workspace.RootPath, "delete.txt"));
        await _workspace.GetChangedFilesAsync(ct);
        await _workspace.GetDiffAsync(ct);

        await _workspace.StageAllAsync(ct);

        Assert.Equal("D\tdelete.txt\nM\tmodify.txt\nA\tnew.txt\n", GitTool.Run(_workspace.RootPath, "diff", "--cached", "--name-status", "--no-renames"));
        Assert.Equal("", GitTool.Run(_workspace.RootPath, "diff", "--name-only"));
        Assert.Equal("", GitTool.Run(_workspace.RootPath, "ls-files", "--others", "--exclude-standard"));
        var admin = GitTool.Run(_workspace.RootPath, "rev-parse", "--absolute-git-dir").Trim();
        Assert.Empty(Directory.GetFiles(admin, "honk-index-*"));
        Assert.False(File.Exists(Path.Combine(admin, "index.lock")));
    }

    [Fact]
    public async Task StageAllAsync_EditAfterTheDiff_StagesTheLaterEdit()
    {
        var ct = TestContext.Current.CancellationToken;
        GitTool.WriteFile(_workspace.RootPath, "modify.txt", "first edit\n");
        await _workspace.GetDiffAsync(ct);
        GitTool.WriteFile(_workspace.RootPath, "modify.txt", "second edit, longer\n");
        GitTool.WriteFile(_workspace.RootPath, "later.txt", "added after the diff\n");

        await _workspace.StageAllAsync(ct);

        Assert.Equal("second edit, longer\n", GitTool.Run(_workspace.RootPath, "show", ":modify.txt"));
        Assert.Equal("added after the diff\n", GitTool.Run(_workspace.RootPath, "show", ":later.txt"));
    }

    [Fact]
    public async Task StageAllAsync_GitHoldsTheIndexLock_StagesThroughGitWhichReportsTheLock()
    {
        // While another git process holds index.lock the kept index is not moved in; git itself then refuses.
        var ct = TestContext.Current.CancellationToken;
        GitTool.WriteFile(_workspace.RootPath, "modify.txt", "edited\n");
        await _workspace.GetDiffAsync(ct);
        var admin = GitTool.Run(_workspace.RootPath, "rev-parse", "--absolute-git-dir").Trim();
        await File.WriteAllTextAsync(Path.Combine(admin, "index.lock"), "", ct);

        var error = await Assert.ThrowsAsync<GitException>(async () => await _workspace.StageAllAsync(ct));

        Assert.Contains("index.lock", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(admin, "index.lock")));
        File.Delete(Path.Combine(admin, "index.lock"));
        await _workspace.StageAllAsync(ct);
        Assert.Equal("edited\n", GitTool.Run(_workspace.RootPath, "show", ":modify.txt"));
    }

    [Fact]
    public async Task CommitAsync_Changes_CommitsEverythingWithTheConfiguredIdentityAndNoHooks()
    {
        var ct = TestContext.Current.CancellationToken;
        var hooks = Path.Combine(_workspace.MirrorPath, "hooks");
        Directory.CreateDirectory(hooks);
        foreach (var hook in new[] { "pre-commit", "commit-msg", "post-commit" })
        {
            File.WriteAllText(Path.Combine(hooks, hook), "#!/bin/sh\ntouch \"$GIT_DIR/../hook-ran\"\nexit 1\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(hooks, hook), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        GitTool.Run(_workspace.MirrorPath, "config", "core.hooksPath", hooks);
        MakeEveryKindOfChange();

        var result = await _workspace.CommitAsync("Fix the parser\n\n# 42 fixed\nHonk-Task: abc", ct);

        Assert.True(result.Committed);
        Assert.Equal(GitTool.Head(_workspace.RootPath), result.HeadCommit);
        Assert.Equal(_workspace.BaseCommit, GitTool.Head(_workspace.RootPath, "HEAD~1"));
        Assert.Equal(GitTool.Head(_workspace.MirrorPath, "refs/heads/" + _workspace.Branch), result.HeadCommit);
        var meta = GitTool.Run(_workspace.RootPath, "log", "-1", "--format=%an|%ae|%cn|%ce|%B");
        Assert.Equal("Honk|honk@localhost|Honk|honk@localhost|Fix the parser\n\n# 42 fixed\nHonk-Task: abc\n", meta.TrimEnd('\n') + "\n");
        Assert.Equal("", GitTool.Run(_workspace.RootPath, "status", "--porcelain"));
        Assert.Equal(6, (await _workspace.GetChangedFilesAsync(ct)).Count); // still measured against the base
        Assert.False(File.Exists(Path.Combine(_workspace.MirrorPath, "hook-ran")));
        Assert.Contains("debug.log", GitTool.Run(_workspace.RootPath, "status", "--porcelain", "--ignored"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_CustomIdentity_UsesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = _sandbox.CreateRepository("second");
        var provider = _sandbox.CreateProvider(o => (o.CommitterName, o.CommitterEmail) = ("Review Bot", "bot@example.org"));
        await using var workspace = await provider.AcquireGitWorkspaceAsync(Sandbox.Request(upstream), ct);
        File.WriteAllText(Path.Combine(workspace.RootPath, "x.txt"), "x\n");

        await workspace.CommitAsync("x", ct);

        Assert.Equal("Review Bot <bot@example.org>|Review Bot <bot@example.org>", GitTool.Run(workspace.RootPath, "log", "-1", "--format=%an <%ae>|%cn <%ce>").Trim());
    }

    [Fact]
    public async Task CommitAsync_NothingChanged_ReportsNothingToCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllText(Path.Combine(_workspace.RootPath, "ignored.log"), "ignored only\n");

        var result = await _workspace.CommitAsync("nothing", ct);

        Assert.False(result.Committed);
        Assert.Equal(_workspace.BaseCommit, result.HeadCommit);
        Assert.Equal(_workspace.BaseCommit, GitTool.Head(_workspace.RootPath));
    }

    [Fact]
    public async Task DisposeAsync_RemovesTheWorktreeAndKeepsTheBranch()
    {
        var root = _workspace.RootPath;
        File.WriteAllText(Path.Combine(root, "dirty.txt"), "uncommitted work\n");
        await _workspace.CommitAsync("keep me", TestContext.Current.CancellationToken);
        File.WriteAllText(Path.Combine(root, "dirty2.txt"), "uncommitted work\n");

        await _workspace.DisposeAsync();
        await _workspace.DisposeAsync();

        Assert.False(Directory.Exists(root));
        Assert.False(File.Exists(root + ".honk-owner"));
        Assert.DoesNotContain(root, GitTool.Run(_workspace.MirrorPath, "worktree", "list", "--porcelain"), StringComparison.Ordinal);
        Assert.Equal(0, GitTool.TryRun(_workspace.MirrorPath, "rev-parse", "--verify", "refs/heads/" + _workspace.Branch).ExitCode);
        var admin = Path.Combine(_workspace.MirrorPath, "worktrees");
        Assert.True(!Directory.Exists(admin) || Directory.GetDirectories(admin).Length == 0);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await _workspace.GetDiffAsync(TestContext.Current.CancellationToken));
    }

    private void MakeEveryKindOfChange()
    {
        var root = _workspace.RootPath;
        File.WriteAllText(Path.Combine(root, "modify.txt"), "line 1\nline two\n");
        File.Delete(Path.Combine(root, "delete.txt"));
        File.Move(Path.Combine(root, "old name.txt"), Path.Combine(root, "new name.txt"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        File.WriteAllText(Path.Combine(root, "docs", "new file.md"), "brand new\n");
        File.WriteAllBytes(Path.Combine(root, "image.bin"), [0, 1, 2, 3, 255, 0, 7]);
        File.WriteAllText(Path.Combine(root, "debug.log"), "ignored\n");
    }
}
