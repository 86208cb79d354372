namespace Honk.Git.Tests;

/// <summary>The in-process (LibGit2Sharp) and command-line operations give the same results on the same repositories.</summary>
public sealed class RepositoryOperationsTests : IDisposable
{
    private readonly Scratch _scratch = new();
    private readonly GitRunner _runner = new();

    public static TheoryData<string> Implementations => ["libgit2", "cli"];

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ResolveCommit_RefsShasAndMissing(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        var head = Scratch.Git(repo, "rev-parse", "HEAD").Trim();
        Scratch.Git(repo, "tag", "-a", "v1", "-m", "annotated");
        var ops = Create(implementation);

        Assert.Equal(head, await ops.ResolveCommitAsync(repo, "HEAD", ct));
        Assert.Equal(head, await ops.ResolveCommitAsync(repo, "main", ct));
        Assert.Equal(head, await ops.ResolveCommitAsync(repo, "refs/heads/main", ct));
        Assert.Equal(head, await ops.ResolveCommitAsync(repo, "v1", ct));
        Assert.Equal(head, await ops.ResolveCommitAsync(repo, head, ct));
        Assert.Null(await ops.ResolveCommitAsync(repo, "no-such-branch", ct));
        Assert.Null(await ops.ResolveCommitAsync(repo, new string('0', 40), ct));
        Assert.True(await ops.ReferenceExistsAsync(repo, "refs/heads/main", ct));
        Assert.False(await ops.ReferenceExistsAsync(repo, "refs/heads/other", ct));
    }

    [Theory]
    [InlineData("honk/fix-parser-1a2b3c")]
    [InlineData("feature/x.y")]
    [InlineData("-starts-with-dash")]
    [InlineData("two..dots")]
    [InlineData("with space")]
    [InlineData("ends.lock")]
    [InlineData("trailing/")]
    [InlineData("a@{b")]
    [InlineData("back\\slash")]
    [InlineData("HEAD")]
    public async Task IsValidBranchName_AgreesWithGit(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var viaGit = await Create("cli").IsValidBranchNameAsync(name, ct);
        Assert.Equal(viaGit, await Create("libgit2").IsValidBranchNameAsync(name, ct));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task Status_And_StagedPaths_ListTheSameFiles(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        File.WriteAllText(Path.Combine(repo, ".gitignore"), "*.log\n");
        File.WriteAllText(Path.Combine(repo, "ignored.log"), "x\n");
        File.AppendAllText(Path.Combine(repo, "a.txt"), "more\n");
        File.Delete(Path.Combine(repo, "src", "b.cs"));
        Directory.CreateDirectory(Path.Combine(repo, "new", "deep"));
        File.WriteAllText(Path.Combine(repo, "new", "deep", "c.txt"), "c\n");
        var ops = Create(implementation);

        var status = await ops.GetStatusAsync(repo, ct);
        Assert.Equal([".gitignore", "a.txt", "new/deep/c.txt", "src/b.cs"], status.Paths.Order(StringComparer.Ordinal));
        Assert.Empty(await ops.GetStagedPathsAsync(repo, ct));

        Scratch.Git(repo, "add", "--all");
        Assert.Equal([".gitignore", "a.txt", "new/deep/c.txt", "src/b.cs"], await ops.GetStagedPathsAsync(repo, ct));
        var changed = await ops.GetStatusAsync(repo, ct);
        Assert.NotEqual(status.Summary, changed.Summary);
    }

    [Fact]
    public async Task Commit_BothImplementations_WriteTheSameCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var signature = new GitSignature("Honk", "honk@localhost", when);
        const string message = "  \n\nFix the parser   \n\n\n\nBody line  \n# not a comment to strip\n\nHonk-Session: s-1\nHonk-Prompt: p1\n\n\n";
        var shas = new List<string>();
        foreach (var implementation in new[] { "cli", "libgit2" })
        {
            var repo = _scratch.CreateRepository(implementation);
            File.AppendAllText(Path.Combine(repo, "a.txt"), "change\n");
            Scratch.Git(repo, "add", "--all");
            shas.Add(await Create(implementation).CommitAsync(repo, message, signature, ct));
            Assert.Equal(shas[^1], Scratch.Git(repo, "rev-parse", "HEAD").Trim());
            Assert.Equal("main", Scratch.Git(repo, "symbolic-ref", "--short", "HEAD").Trim());
        }

        // Same parent, tree, identity, date and cleaned message: byte-identical commit objects.
        var raw = Scratch.Git(Path.Combine(_scratch.Root, "libgit2"), "cat-file", "commit", "HEAD");
        Assert.Equal(Scratch.Git(Path.Combine(_scratch.Root, "cli"), "cat-file", "commit", "HEAD"), raw);
        Assert.Equal(shas[0], shas[1]);
        Assert.Contains("author Honk <honk@localhost> 1767315845 +0000", raw, StringComparison.Ordinal);
        Assert.EndsWith("\n\nFix the parser\n\nBody line\n# not a comment to strip\n\nHonk-Session: s-1\nHonk-Prompt: p1\n", raw, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task Commit_InALinkedWorktreeOfABareMirror_MovesTheBranch(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _scratch.CreateRepository();
        var mirror = Path.Combine(_scratch.Root, "mirror.git");
        Scratch.Git(_scratch.Root, "clone", "--quiet", "--bare", source, mirror);
        var worktree = Path.Combine(_scratch.Root, "wt");
        Scratch.Git(mirror, "worktree", "add", "--quiet", "-b", "honk/x", worktree, "main");
        File.WriteAllText(Path.Combine(worktree, "new.txt"), "n\n");
        Scratch.Git(worktree, "add", "--all");
        var ops = Create(implementation);

        var sha = await ops.CommitAsync(worktree, "Add new", new GitSignature("Honk", "honk@localhost", DateTimeOffset.UnixEpoch.AddDays(1)), ct);

        Assert.Equal(sha, await ops.ResolveCommitAsync(mirror, "refs/heads/honk/x", ct));
        Assert.Equal(sha, Scratch.Git(mirror, "rev-parse", "refs/heads/honk/x").Trim());
        Assert.True((await ops.GetStatusAsync(worktree, ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task TrailerValues_OneCommitOrARange(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        var start = Scratch.Git(repo, "rev-parse", "HEAD").Trim();
        Scratch.Git(repo, "commit", "--quiet", "--allow-empty", "-m", "First\n\nHonk-Session: one\nSigned-off-by: A <a@b>");
        Scratch.Git(repo, "commit", "--quiet", "--allow-empty", "-m", "Second\n\nHonk-Session: not a trailer because\nthis paragraph is prose.");
        Scratch.Git(repo, "commit", "--quiet", "--allow-empty", "-m", "Third\n\nhonk-session:   three  ");
        var ops = Create(implementation);

        Assert.Equal(["three"], await ops.GetTrailerValuesAsync(repo, "HEAD", "Honk-Session", ct));
        Assert.Equal(["three", "one"], await ops.GetTrailerValuesAsync(repo, $"{start}..HEAD", "Honk-Session", ct));
        Assert.Empty(await ops.GetTrailerValuesAsync(repo, start, "Honk-Session", ct));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ConfigValue_SetOrMissing(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        Scratch.Git(repo, "config", "remote.origin.url", "https://user:s3cret@example.invalid/r.git");
        var ops = Create(implementation);

        Assert.Equal("https://user:s3cret@example.invalid/r.git", await ops.GetConfigValueAsync(repo, "remote.origin.url", ct));
        Assert.Null(await ops.GetConfigValueAsync(repo, "remote.upstream.url", ct));
    }

    [Fact]
    public async Task InProcess_PartialClone_FallsBackToTheGitProgram()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = _scratch.CreateRepository();
        Scratch.Git(source, "config", "uploadpack.allowFilter", "true");
        var clone = Path.Combine(_scratch.Root, "partial");
        Scratch.Git(_scratch.Root, "clone", "--quiet", "--no-local", "--filter=blob:none", "file://" + source, clone);
        Assert.Contains("partialclone", Scratch.Git(clone, "config", "--list").ToLowerInvariant(), StringComparison.Ordinal);

        var ops = GitRepositoryOperations.InProcess(_runner);
        Assert.Equal(Scratch.Git(clone, "rev-parse", "HEAD").Trim(), await ops.ResolveCommitAsync(clone, "HEAD", ct));
        Assert.True((await ops.GetStatusAsync(clone, ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ReadFileAtCommit_ReadsTheCommitsBytesNotTheWorkTree(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        Directory.CreateDirectory(Path.Combine(repo, "sub"));
        File.WriteAllText(Path.Combine(repo, "settings.json"), "\uFEFF{ \"a\": \"\u00e9\" }\r\n");
        File.WriteAllText(Path.Combine(repo, "sub", "nested.txt"), "nested\n");
        Scratch.Git(repo, "add", "--all");
        Scratch.Git(repo, "commit", "--quiet", "-m", "files");
        var commit = Scratch.Git(repo, "rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo, "settings.json"), "edited in the work tree\n");
        File.WriteAllText(Path.Combine(repo, "untracked.txt"), "x\n");
        var ops = Create(implementation);

        // The byte-order mark is dropped as when git's output is decoded; line ends are kept as stored.
        Assert.Equal("{ \"a\": \"\u00e9\" }\r\n", await ops.ReadFileAtCommitAsync(repo, commit, "settings.json", ct));
        Assert.Equal("nested\n", await ops.ReadFileAtCommitAsync(repo, "HEAD", "sub/nested.txt", ct));
        Assert.Null(await ops.ReadFileAtCommitAsync(repo, commit, "untracked.txt", ct));
        Assert.Null(await ops.ReadFileAtCommitAsync(repo, commit, "sub", ct));
        Assert.Null(await ops.ReadFileAtCommitAsync(repo, commit, "no/such/file", ct));
        await Assert.ThrowsAsync<GitException>(() => ops.ReadFileAtCommitAsync(repo, new string('a', 40), "settings.json", ct));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ReadFileAtCommit_FromASubfolderOrALinkedWorktree(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        Directory.CreateDirectory(Path.Combine(repo, "sub"));
        File.WriteAllText(Path.Combine(repo, "sub", "keep.txt"), "kept\n");
        Scratch.Git(repo, "add", "--all");
        Scratch.Git(repo, "commit", "--quiet", "-m", "sub");
        var commit = Scratch.Git(repo, "rev-parse", "HEAD").Trim();
        var worktree = Path.Combine(_scratch.Root, "linked");
        Scratch.Git(repo, "worktree", "add", "--quiet", "--detach", worktree, commit);
        var ops = Create(implementation);

        Assert.Equal("kept\n", await ops.ReadFileAtCommitAsync(Path.Combine(repo, "sub"), commit, "sub/keep.txt", ct));
        Assert.Equal("kept\n", await ops.ReadFileAtCommitAsync(worktree, commit, "sub/keep.txt", ct));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ListFiles_IsWhatLsFilesPrints_InItsOrder(string implementation)
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = _scratch.CreateRepository();
        File.WriteAllText(Path.Combine(repo, ".gitignore"), "*.log\nbuild/\n");
        File.WriteAllText(Path.Combine(repo, "ignored.log"), "x\n");
        Directory.CreateDirectory(Path.Combine(repo, "build"));
        File.WriteAllText(Path.Combine(repo, "build", "out.txt"), "x\n");
        File.Delete(Path.Combine(repo, "a.txt"));
        Directory.CreateDirectory(Path.Combine(repo, "new", "deep"));
        File.WriteAllText(Path.Combine(repo, "new", "deep", "c.txt"), "c\n");
        File.WriteAllText(Path.Combine(repo, "Z upper \u00e9.txt"), "z\n");
        Directory.CreateDirectory(Path.Combine(repo, "empty"));
        Scratch.Git(repo, "init", "--quiet", Path.Combine(repo, "nested"));
        File.WriteAllText(Path.Combine(repo, "nested", "inner.txt"), "i\n");
        var expected = Scratch.Git(repo, "-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var indexBefore = File.ReadAllBytes(Path.Combine(repo, ".git", "index"));

        var listed = await Create(implementation).ListFilesAsync(repo, ct);

        Assert.Equal(expected, listed);
        Assert.Contains("nested/", listed);
        Assert.Contains("a.txt", listed);
        Assert.Equal(indexBefore, File.ReadAllBytes(Path.Combine(repo, ".git", "index")));
    }

    [Fact]
    public void ParseRawAndPatch_SplitsGitsOutputIntoPathsAndThePatch()
    {
        var repo = _scratch.CreateRepository();
        File.WriteAllText(Path.Combine(repo, "long.txt"), "one\ntwo\nthree\nfour\nfive\nsix\n");
        Scratch.Git(repo, "add", "--all");
        Scratch.Git(repo, "commit", "--quiet", "-m", "long");
        Scratch.Git(repo, "mv", "long.txt", "renamed.txt");
        File.AppendAllText(Path.Combine(repo, "src", "b.cs"), "// more\n");
        File.Delete(Path.Combine(repo, "a.txt"));
        File.WriteAllText(Path.Combine(repo, "new \u00e9.txt"), "new\n");
        Scratch.Git(repo, "add", "--all");
        string[] common = ["diff", "--cached", "-M", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "HEAD", "--"];

        var (paths, patch) = GitOutputParser.ParseRawAndPatch(Scratch.Git(repo, [.. common.Take(2), "--raw", "-p", "-z", .. common.Skip(2)]));

        Assert.Equal(GitOutputParser.ParseNameStatus(Scratch.Git(repo, [.. common.Take(2), "--name-status", "-z", .. common.Skip(2)])), paths);
        Assert.Equal(["a.txt", "long.txt", "new \u00e9.txt", "renamed.txt", "src/b.cs"], paths);
        Assert.Equal(Scratch.Git(repo, common), patch);
        var (none, noPatch) = GitOutputParser.ParseRawAndPatch("");
        Assert.Empty(none);
        Assert.Equal("", noPatch);
        Assert.Throws<FormatException>(() => GitOutputParser.ParseRawAndPatch("M\0a.txt\0"));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task NotARepository_IsAGitException(string implementation)
    {
        var folder = Path.Combine(_scratch.Root, "plain");
        Directory.CreateDirectory(folder);
        await Assert.ThrowsAsync<GitException>(() => Create(implementation).GetStatusAsync(folder, TestContext.Current.CancellationToken));
    }

    private GitRepositoryOperations Create(string implementation)
        => implementation == "cli" ? GitRepositoryOperations.CommandLine(_runner) : GitRepositoryOperations.InProcess(_runner);
}
