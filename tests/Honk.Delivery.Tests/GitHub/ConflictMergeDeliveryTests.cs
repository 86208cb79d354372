using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>
/// What a pull request's conflict round hands to delivery: a worktree at the pull request's head with the base merged
/// in by <c>git merge --no-commit --no-ff</c> (conflicted, <c>MERGE_HEAD</c> set, unmerged index entries). The changed
/// files and the diff read it like any work tree, and the push channel delivers ONE merge commit whose parents are the
/// head and the base — also when the model resolved the file without <c>git add</c> (delivery stages everything).
/// </summary>
public sealed class ConflictMergeDeliveryTests
{
    private const string Resolved = "class Calc { int Add(int a, int b) => checked(a + b); }\n";

    [Fact]
    public async Task PreparedMerge_ResolvedWithoutGitAdd_IsPushedAsOneMergeCommitWithBothParents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await DeliveryTestBed.CreateAsync();
        var source = bed.Source.Path;

        // The base ("main" moved on) and the pull request's head change the same line of the first commit.
        GitCommand.Run(source, "checkout", "-q", "-b", "moved-base");
        bed.Source.WriteFile("src/Calc.cs", "class Calc { int Add(int a, int b) => unchecked(a + b); }\n");
        var baseCommit = await bed.Source.CommitAllAsync("base: unchecked add", ct);
        GitCommand.Run(source, "checkout", "-q", "-");
        bed.Source.WriteFile("src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");
        var head = await bed.Source.CommitAllAsync("pull request: fix add", ct);
        var remote = bed.CreateServedRemote();
        using var daemon = GitDaemonServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: daemon.UrlFor("remote.git"), sessionId: session);
        Assert.Equal(head, workspace.BaseCommit);

        var merge = GitCommand.TryRun(workspace.RootPath, "-c", "user.name=Honk", "-c", "user.email=honk@localhost", "merge", "--no-commit", "--no-ff", baseCommit);
        Assert.Equal(1, merge.ExitCode);
        Assert.Contains("src/Calc.cs", GitCommand.Run(workspace.RootPath, "ls-files", "--unmerged"), StringComparison.Ordinal);
        Assert.Contains("<<<<<<<", File.ReadAllText(Path.Combine(workspace.RootPath, "src/Calc.cs")), StringComparison.Ordinal);
        Assert.Equal(["src/Calc.cs"], await workspace.GetChangedFilesAsync(ct));

        // The model resolves the file (no `git add`): the changed files and the diff show the resolution.
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", Resolved);
        Assert.Equal(["src/Calc.cs"], await workspace.GetChangedFilesAsync(ct));
        Assert.Contains("+class Calc { int Add(int a, int b) => checked(a + b); }", await workspace.GetDiffAsync(ct), StringComparison.Ordinal);

        var result = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(result.Commit, GitCommand.Head(remote, "refs/heads/" + workspace.Branch));
        Assert.Equal($"{result.Commit} {head} {baseCommit}", GitCommand.Run(remote, "rev-list", "--parents", "-n", "1", result.Commit!).Trim());
        Assert.Equal(Resolved, GitCommand.Run(remote, "show", $"{result.Commit}:src/Calc.cs"));
        Assert.Contains($"Honk-Session: {session}", GitCommand.Run(remote, "log", "-1", "--format=%B", result.Commit!), StringComparison.Ordinal);
        Assert.NotEqual(0, GitCommand.TryRun(workspace.RootPath, "rev-parse", "-q", "--verify", "MERGE_HEAD").ExitCode);
    }
}
