namespace Honk.Tools.Tests.Git;

/// <summary>
/// A nested repository is how a session's commands could make the unsandboxed git tool run a program: the model's
/// command writes <c>vendor/lib/.git</c> (the sandbox keeps only the workspace's own <c>.git</c> read-only), the folder
/// becomes a gitlink, and git's status check of the gitlink starts a second git inside it that reads its config.
/// </summary>
[Trait("Category", "Security")]
public sealed class NestedRepositoryTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly GitTool _tool = new(new GitToolOptions { AuthorName = "Honk Bot", AuthorEmail = "bot@honk.test" });
    private readonly string _marker;

    public NestedRepositoryTests()
    {
        _marker = Path.Combine(Path.GetDirectoryName(_repo.Main)!, "filter-ran");

        // What a model's python script can write in the sandbox: a repository with a commit and its own index, whose
        // config names a clean filter (a program of its choice) for every file.
        var nested = _repo.Combine("vendor/lib");
        Directory.CreateDirectory(nested);
        GitRepository.Git(nested, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(nested, "f"), "x\n");
        GitRepository.Git(nested, "add", "f");
        GitRepository.Git(nested, "commit", "-q", "-m", "nested");
        File.AppendAllText(Path.Combine(nested, ".git", "config"), $"[filter \"ev\"]\n\tclean = \"touch '{_marker}'; cat\"\n");
        File.WriteAllText(Path.Combine(nested, ".git", "info", "attributes"), "* filter=ev\n");

        // The folder is a gitlink in the session's index (git add of an untracked nested repository runs nothing).
        GitRepository.Git(_repo.Worktree, "-c", "core.hooksPath=/dev/null", "add", "vendor/lib");
        TouchSameSize(Path.Combine(nested, "f"));
    }

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("status")]
    [InlineData("add --all")]
    [InlineData("diff HEAD")]
    [InlineData("commit -am 'bump'")]
    [InlineData("ls-files --recurse-submodules")]
    public async Task Git_OverANestedRepository_IsRefusedAndRunsNoProgramOfIt(string args)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => _repo.Workspace.InvokeAsync(_tool, new { args }));

        Assert.Contains("vendor/lib/.git", error.Message, StringComparison.Ordinal);
        Assert.Contains("rm -rf vendor/lib/.git", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_marker), "the nested repository's clean filter ran outside the sandbox");
    }

    [Fact]
    public async Task Git_AfterTheNestedRepositoryIsRemoved_WorksAgain()
    {
        Directory.Delete(_repo.Combine("vendor/lib/.git"), recursive: true);

        var status = await _repo.Workspace.InvokeAsync(_tool, new { args = "status --short" });

        Assert.Contains("vendor/lib", status, StringComparison.Ordinal);
        Assert.False(File.Exists(_marker));
    }

    [Fact]
    public void TheFixture_IsLive_PlainGitRunsTheFilter()
    {
        // Shows the attack is real: git with the old hardening (no fsmonitor, no hooks) runs the nested filter.
        GitRepository.Git(_repo.Worktree, "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "add", "--all");

        Assert.True(File.Exists(_marker), "the fixture should make plain git run the nested repository's filter");
    }

    private static void TouchSameSize(string path)
    {
        // Same size, new time: git must read the content (through the clean filter) to know whether it changed.
        File.WriteAllText(path, "y\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(5));
    }
}
