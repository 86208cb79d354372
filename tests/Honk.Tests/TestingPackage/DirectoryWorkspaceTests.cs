using Honk.Testing;

namespace Honk.Tests.TestingPackage;

public sealed class DirectoryWorkspaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetChangedFilesAsync_PlainFolderAfterEdits_ListsNewChangedAndDeletedSorted()
    {
        using var folder = new TemporaryDirectory("honk-ws");
        folder.WriteFile("keep.txt", "keep\n");
        folder.WriteFile("edit.txt", "old\n");
        folder.WriteFile("gone.txt", "gone\n");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        folder.WriteFile("edit.txt", "new\n");
        folder.WriteFile("sub/added.txt", "added\n");
        File.Delete(folder.Combine("gone.txt"));

        var changed = await workspace.GetChangedFilesAsync(Ct);

        Assert.Equal(["edit.txt", "gone.txt", "sub/added.txt"], changed);
    }

    [Fact]
    public async Task GetDiffAsync_EditedFile_IsUnifiedDiffAgainstTheSnapshot()
    {
        using var folder = new TemporaryDirectory("honk-ws");
        folder.WriteFile("a.txt", "one\ntwo\n");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        Assert.Equal("", await workspace.GetDiffAsync(Ct));
        folder.WriteFile("a.txt", "one\nTWO\n");

        var diff = await workspace.GetDiffAsync(Ct);

        Assert.Contains("--- a/a.txt", diff, StringComparison.Ordinal);
        Assert.Contains("+++ b/a.txt", diff, StringComparison.Ordinal);
        Assert.Contains("-two", diff, StringComparison.Ordinal);
        Assert.Contains("+TWO", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChangedFilesAsync_GitRepositoryWithDirtyTree_BaseIsTheFolderAtCreationAndRepoUntouched()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(new Dictionary<string, string> { ["a.txt"] = "a\n", [".gitignore"] = "bin/\n" }, Ct);
        repo.WriteFile("dirty.txt", "was already here\n");
        var statusBefore = await repo.GetStatusAsync(Ct);
        await using var workspace = await DirectoryWorkspace.CreateAsync(repo.Path, cancellationToken: Ct);
        repo.WriteFile("a.txt", "changed\n");
        repo.WriteFile("bin/out.dll", "ignored\n");

        var changed = await workspace.GetChangedFilesAsync(Ct);

        Assert.Equal(["a.txt"], changed);
        Assert.Equal(repo.InitialCommit, await repo.GetHeadAsync(Ct));
        Assert.Equal([" M a.txt", .. statusBefore], await repo.GetStatusAsync(Ct));
    }

    [Fact]
    public async Task GetFingerprintAsync_ChangesWithContent()
    {
        using var folder = new TemporaryDirectory("honk-ws");
        folder.WriteFile("a.txt", "a\n");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);

        var before = await workspace.GetFingerprintAsync(Ct);
        folder.WriteFile("a.txt", "b\n");
        var after = await workspace.GetFingerprintAsync(Ct);

        Assert.NotEqual(before, after);
        Assert.Equal(after, await workspace.GetFingerprintAsync(Ct));
    }

    [Fact]
    public async Task DisposeAsync_DeleteRootOnDispose_RemovesTheFolderOtherwiseKeepsIt()
    {
        using var kept = new TemporaryDirectory("honk-ws");
        var deleted = new TemporaryDirectory("honk-ws");
        var keptWorkspace = await DirectoryWorkspace.CreateAsync(kept.Path, cancellationToken: Ct);
        var deletedWorkspace = await DirectoryWorkspace.CreateAsync(deleted.Path, deleteRootOnDispose: true, cancellationToken: Ct);

        await keptWorkspace.DisposeAsync();
        await deletedWorkspace.DisposeAsync();

        Assert.True(Directory.Exists(kept.Path));
        Assert.False(Directory.Exists(deleted.Path));
    }

    [Fact]
    public async Task CreateAsync_MissingFolder_ThrowsDirectoryNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"honk-missing-{Guid.NewGuid():N}");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => DirectoryWorkspace.CreateAsync(path, cancellationToken: Ct));
    }

    [Fact]
    public async Task GetDiffAsync_Cancelled_Throws()
    {
        using var folder = new TemporaryDirectory("honk-ws");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workspace.GetDiffAsync(cts.Token));
    }
}
