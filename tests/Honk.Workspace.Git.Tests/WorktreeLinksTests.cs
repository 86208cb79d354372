using Honk.Testing;
using Honk.Workspaces.Git.Internal;
using Honk.Workspaces.Git.Tests.Infrastructure;

namespace Honk.Workspaces.Git.Tests;

/// <summary>One reader of an admin folder's <c>gitdir</c> record, for the acquire and the reclaimer alike.</summary>
public sealed class WorktreeLinksTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("honk-git-tests");
    private readonly string _folder;

    public WorktreeLinksTests()
    {
        var repo = GitTool.InitRepository(_temp.Combine("repo"), new Dictionary<string, string> { ["a.txt"] = "a\n" });
        _folder = _temp.Combine("wt");
        GitTool.Run(repo, "worktree", "add", "-q", _folder);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TryRead_AsGitWritesThem_GivesTheRootAndTheAdminFolder()
    {
        var paths = WorktreeLinks.TryRead(_folder);

        Assert.NotNull(paths);
        Assert.Equal(_folder, paths.Value.RootPath);
        Assert.Equal(Admin(), paths.Value.AdminPath);
    }

    [Fact]
    public void TryRead_RecordRelativeToTheAdminFolder_IsResolvedThere()
    {
        // git 2.48's worktree.useRelativePaths writes the record relative to the admin folder; the reclaimer read it so,
        // the acquire refused it and started git for the paths instead.
        File.WriteAllText(Path.Combine(Admin(), "gitdir"), Path.GetRelativePath(Admin(), Path.Combine(_folder, ".git")) + "\n");

        var paths = WorktreeLinks.TryRead(_folder);

        Assert.NotNull(paths);
        Assert.Equal(_folder, paths.Value.RootPath);
        Assert.Equal(Path.Combine(_folder, ".git"), WorktreeLinks.ReadGitdir(Admin()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a/.git\n/b/.git\n")]
    public void ReadGitdir_EmptyOrSeveralLines_IsNull(string text)
    {
        File.WriteAllText(Path.Combine(Admin(), "gitdir"), text);

        Assert.Null(WorktreeLinks.ReadGitdir(Admin()));
        Assert.Null(WorktreeLinks.TryRead(_folder));
    }

    private string Admin() => File.ReadAllText(Path.Combine(_folder, ".git")).Trim()["gitdir: ".Length..];
}
