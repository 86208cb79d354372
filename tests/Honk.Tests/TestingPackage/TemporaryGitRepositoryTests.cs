using Honk.Testing;

namespace Honk.Tests.TestingPackage;

public sealed class TemporaryGitRepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_WithFiles_CommitsThemCleanlyWithFixedIdentity()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(new Dictionary<string, string> { ["src/a.cs"] = "class A {}\n", ["README.md"] = "hi\n" }, Ct);

        Assert.True(File.Exists(Path.Combine(repo.Path, "src", "a.cs")));
        Assert.Empty(await repo.GetStatusAsync(Ct));
        Assert.Equal(repo.InitialCommit, await repo.GetHeadAsync(Ct));
        var author = await repo.RunGitAsync(["log", "-1", "--format=%an <%ae> %aI"], Ct);
        Assert.Equal($"{TemporaryGitRepository.AuthorName} <{TemporaryGitRepository.AuthorEmail}> 2025-01-01T00:00:00+00:00", author.Trim());
        Assert.Equal("main", (await repo.RunGitAsync(["branch", "--show-current"], Ct)).Trim());
    }

    [Fact]
    public async Task CreateAsync_SameFiles_SameCommitIdEveryTime()
    {
        var files = new Dictionary<string, string> { ["x.txt"] = "x\n" };
        await using var first = await TemporaryGitRepository.CreateAsync(files, Ct);
        await using var second = await TemporaryGitRepository.CreateAsync(files, Ct);

        Assert.Equal(first.InitialCommit, second.InitialCommit);
    }

    [Fact]
    public async Task GetStatusAsync_AfterEdits_ReportsModifiedUntrackedAndDeleted()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(new Dictionary<string, string> { ["a.txt"] = "a\n", ["b.txt"] = "b\n" }, Ct);
        repo.WriteFile("a.txt", "changed\n");
        repo.WriteFile("dir/new.txt", "new\n");
        repo.DeleteFile("b.txt");

        var status = await repo.GetStatusAsync(Ct);

        Assert.Equal([" D b.txt", " M a.txt", "?? dir/new.txt"], status.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CommitAllAsync_Changes_MovesHeadAndCleansTree()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        repo.WriteFile("n.txt", "n\n");

        var commit = await repo.CommitAllAsync("Add n", Ct);

        Assert.NotEqual(repo.InitialCommit, commit);
        Assert.Equal(commit, await repo.GetHeadAsync(Ct));
        Assert.Empty(await repo.GetStatusAsync(Ct));
        Assert.Equal("n\n", repo.ReadFile("n.txt"));
    }

    [Fact]
    public async Task RunGitAsync_FailingCommand_ThrowsWithGitsMessage()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => repo.RunGitAsync(["rev-parse", "no-such-ref"], Ct));

        Assert.Contains("no-such-ref", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunGitAsync_Cancelled_Throws()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => repo.RunGitAsync(["status"], cts.Token));
    }

    [Fact]
    public async Task DisposeAsync_Always_DeletesTheFolder()
    {
        var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        var path = repo.Path;

        await repo.DisposeAsync();

        Assert.False(Directory.Exists(path));
    }
}
