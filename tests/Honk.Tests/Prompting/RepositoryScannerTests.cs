using Honk.Prompting;
using Honk.Testing;

namespace Honk.Tests.Prompting;

public sealed class RepositoryScannerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TemporaryGitRepository> RepoAsync(params (string Path, string Content)[] files)
        => TemporaryGitRepository.CreateAsync(files.ToDictionary(f => f.Path, f => f.Content), Ct);

    [Fact]
    public async Task ScanAsync_GitRepository_CountsTrackedFilesOnly()
    {
        await using var repo = await RepoAsync(
            (".gitignore", "bin/\n"),
            ("src/A.cs", "class A {}"),
            ("src/B.cs", "class B {}"),
            ("src/C.cs", "class C {}"),
            ("web/app.ts", "export {}"),
            ("README.md", "# r"));
        repo.WriteFile("bin/Generated.cs", "class G {}");
        repo.WriteFile("src/New.cs", "class N {}");

        var facts = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);

        Assert.True(facts.FromGit);
        Assert.Equal([new LanguageCount("C#", 4), new LanguageCount("TypeScript", 1)], facts.Languages);
        Assert.Equal(7, facts.FileCount);
        Assert.Equal(
            [new TopLevelEntry("src/", true, 4), new TopLevelEntry("web/", true, 1), new TopLevelEntry(".gitignore", false, 1), new TopLevelEntry("README.md", false, 1)],
            facts.TopLevel);
    }

    [Fact]
    public async Task ScanAsync_PlainFolder_WalksAndSkipsDependencyFolders()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("main.py", "print(1)");
        folder.WriteFile("pkg/util.py", "x = 1");
        folder.WriteFile("node_modules/left-pad/index.js", "module.exports = 1");
        folder.WriteFile(".git-like/x.go", "package x");

        var facts = await RepositoryScanner.ScanAsync(folder.Path, cancellationToken: Ct);

        Assert.False(facts.FromGit);
        Assert.Equal([new LanguageCount("Python", 2), new LanguageCount("Go", 1)], facts.Languages);
        Assert.DoesNotContain(facts.TopLevel, e => e.Name == "node_modules/");
    }

    [Fact]
    public async Task ScanAsync_FileCap_MarksCountsAsCapped()
    {
        using var folder = new TemporaryDirectory();
        for (var i = 0; i < 12; i++)
        {
            folder.WriteFile($"f{i:00}.rs", "fn main() {}");
        }

        var facts = await RepositoryScanner.ScanAsync(folder.Path, options: new RepositoryScanOptions { MaxFiles = 5, MaxTreeEntries = 3 }, cancellationToken: Ct);

        Assert.True(facts.FileListCapped);
        Assert.Equal(5, facts.FileCount);
        Assert.Equal(3, facts.TopLevel.Count);
        Assert.Equal(2, facts.TopLevelOmitted);
    }

    [Fact]
    public async Task ScanAsync_RootInstructionFiles_AllThreeRead_CopiesOnce()
    {
        await using var repo = await RepoAsync(
            ("AGENTS.md", "Run make check.\n"),
            ("CLAUDE.md", "Run make check.\n"),
            (".github/copilot-instructions.md", "Prefer small PRs."),
            ("src/x.c", "int main(){}"));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);

        Assert.Equal(["AGENTS.md", ".github/copilot-instructions.md"], facts.InstructionFiles.Select(f => f.Path));
        Assert.Equal("Run make check.", facts.InstructionFiles[0].Content);
        Assert.Equal(string.Empty, facts.InstructionFiles[1].AppliesTo);
    }

    [Fact]
    public async Task ScanAsync_Monorepo_PicksNearestAgentsFileForTheScopePlusRoot()
    {
        await using var repo = await RepoAsync(
            ("AGENTS.md", "root rules"),
            ("services/billing/AGENTS.md", "billing rules"),
            ("services/billing/src/Invoice.cs", "class Invoice {}"),
            ("services/search/AGENTS.md", "search rules"),
            ("services/search/src/Index.cs", "class Index {}"));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, ["services/billing/src/**/*.cs"], cancellationToken: Ct);

        Assert.Equal(["AGENTS.md", "services/billing/AGENTS.md"], facts.InstructionFiles.Select(f => f.Path));
        Assert.Equal("services/billing/", facts.InstructionFiles[1].AppliesTo);
        Assert.Equal("billing rules", facts.InstructionFiles[1].Content);
    }

    [Fact]
    public async Task ScanAsync_ScopeBelowAFolderWithoutFile_WalksUpToTheNearestAncestor()
    {
        await using var repo = await RepoAsync(
            ("services/CLAUDE.md", "services rules"),
            ("services/billing/src/deep/Invoice.cs", "class Invoice {}"),
            ("services/billing/src/deep/Tax.cs", "class Tax {}"));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, ["services/billing/src/deep/Invoice.cs", "services/billing/src/deep/Tax.cs"], cancellationToken: Ct);

        Assert.Equal(["services/CLAUDE.md"], facts.InstructionFiles.Select(f => f.Path));
    }

    [Fact]
    public async Task ScanAsync_NoScope_ReadsOnlyTheRootFiles()
    {
        await using var repo = await RepoAsync(("AGENTS.md", "root"), ("a/AGENTS.md", "a"), ("a/x.js", "1"));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);

        Assert.Equal(["AGENTS.md"], facts.InstructionFiles.Select(f => f.Path));
    }

    [Fact]
    public async Task ScanAsync_LongInstructionFile_CappedButKeepsOriginalLength()
    {
        await using var repo = await RepoAsync(("AGENTS.md", new string('x', 5_000)));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, options: new RepositoryScanOptions { MaxInstructionFileChars = 1_000 }, cancellationToken: Ct);

        var file = Assert.Single(facts.InstructionFiles);
        Assert.Equal(1_000, file.Content.Length);
        Assert.Equal(5_000, file.OriginalChars);
    }

    [Fact]
    public async Task ScanAsync_InstructionFileLinkingOutsideTheRepository_IsNotRead()
    {
        using var outside = new TemporaryDirectory();
        var secret = outside.WriteFile("secret.txt", "TOKEN=hunter2");
        await using var repo = await RepoAsync(("CLAUDE.md", "real rules"));
        File.CreateSymbolicLink(Path.Combine(repo.Path, "AGENTS.md"), secret);
        await repo.CommitAllAsync("link", Ct);

        var facts = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);

        Assert.True(facts.FromGit);
        Assert.Equal(["CLAUDE.md"], facts.InstructionFiles.Select(f => f.Path));
        Assert.DoesNotContain(facts.InstructionFiles, f => f.Content.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_BuildSystems_FoundAtRootAndTwoLevelsDown()
    {
        await using var repo = await RepoAsync(
            ("Shop.sln", ""),
            ("src/Shop/Shop.csproj", "<Project />"),
            ("web/package.json", "{}"),
            ("web/yarn.lock", ""),
            ("tools/cli/package.json", "{}"),
            ("tools/cli/pnpm-lock.yaml", ""),
            ("Cargo.toml", ""),
            ("go.mod", "module x"),
            ("java/pom.xml", "<project/>"),
            ("android/build.gradle.kts", ""),
            ("native/CMakeLists.txt", ""),
            ("Makefile", "all:"),
            ("py/pyproject.toml", ""),
            ("third_party/vendor/lib/Makefile", "all:"));

        var facts = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);

        Assert.Equal(
            [
                new BuildSystem(".NET", "Shop.sln", "dotnet"),
                new BuildSystem("Cargo", "Cargo.toml", "cargo"),
                new BuildSystem("Go modules", "go.mod", "go"),
                new BuildSystem("Make", "Makefile", "make"),
                new BuildSystem("Gradle", "android/build.gradle.kts", "gradle"),
                new BuildSystem("Maven", "java/pom.xml", "maven"),
                new BuildSystem("CMake", "native/CMakeLists.txt", "cmake"),
                new BuildSystem("Python (pyproject)", "py/pyproject.toml", "pytest"),
                new BuildSystem("Yarn", "web/package.json", "yarn"),
                new BuildSystem("pnpm", "tools/cli/package.json", "pnpm"),
            ],
            facts.BuildSystems);
    }

    [Fact]
    public async Task ScanAsync_DeepMarkerInsideTheScope_IsFound()
    {
        await using var repo = await RepoAsync(("apps/a/b/package.json", "{}"), ("apps/a/b/index.js", "1"));

        var unscoped = await RepositoryScanner.ScanAsync(repo.Path, cancellationToken: Ct);
        var scoped = await RepositoryScanner.ScanAsync(repo.Path, ["apps/a/b/src/**"], cancellationToken: Ct);

        Assert.Empty(unscoped.BuildSystems);
        Assert.Equal([new BuildSystem("npm", "apps/a/b/package.json", "npm")], scoped.BuildSystems);
    }

    [Fact]
    public async Task ScanAsync_Cancelled_Throws()
    {
        using var folder = new TemporaryDirectory();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RepositoryScanner.ScanAsync(folder.Path, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task ScanAsync_MissingFolder_Throws()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => RepositoryScanner.ScanAsync("/nonexistent/honk-" + Guid.NewGuid(), cancellationToken: Ct));
    }
}
