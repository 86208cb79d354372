using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;
using Honk.Git.Internal;

namespace Honk.Delivery.Tests.Git;

/// <summary>
/// The branch channel's in-process copy (loose objects and the ref, no git process) and the cases where it declines
/// so that git fetches instead.
/// </summary>
public sealed class BranchCopyTests
{
    [Fact]
    public async Task TryCopy_SessionCommit_CreatesTheBranchWithEveryObject_AndTheSourcePassesFsck()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var workspace = await bed.AcquireAsync();
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");
        DeliveryTestBed.Edit(workspace, "docs/deep/new.md", "a new file in new folders\n");
        var commit = (await workspace.CommitAsync("Fix add", ct)).HeadCommit;

        var copied = LooseObjectBranchCopy.TryCopy(bed.Source.Path, workspace.MirrorPath, commit, "honk/copied", expectedOld: null);

        Assert.True(copied);
        Assert.Equal(commit, GitCommand.Head(bed.Source.Path, "refs/heads/honk/copied"));
        Assert.Equal("a new file in new folders\n", GitCommand.Run(bed.Source.Path, "show", "honk/copied:docs/deep/new.md"));
        var (exitCode, output, error) = GitCommand.TryRun(bed.Source.Path, "fsck", "--full", "--strict", "--no-dangling");
        Assert.True(exitCode == 0, output + error);
        Assert.False(File.Exists(Path.Combine(bed.Source.Path, ".git", "FETCH_HEAD")));
    }

    [Fact]
    public async Task TryCopy_ObjectsPackedInTheMirror_Declines_AndTheChannelDeliversThroughGit()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var commit = (await workspace.CommitAsync("Fix add", ct)).HeadCommit;
        GitCommand.Run(workspace.MirrorPath, "repack", "-a", "-d", "--quiet");
        GitCommand.Run(workspace.MirrorPath, "prune-packed");

        var copied = LooseObjectBranchCopy.TryCopy(bed.Source.Path, workspace.MirrorPath, commit, "honk/packed", expectedOld: null);

        Assert.False(copied);
        Assert.Null(GitCommand.TryHead(bed.Source.Path, "refs/heads/honk/packed"));
        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session, branchName: "honk/packed"), ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(result.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/honk/packed"));
    }

    [Fact]
    public async Task TryCopy_BranchCheckedOutInAWorktreeOfTheSource_Declines_AndGitRefusesTheRedelivery()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "first\n");
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);
        var first = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session, branchName: "honk/review"), ct);
        Assert.True(first.Succeeded, first.Message);
        GitCommand.Run(bed.Source.Path, "worktree", "add", "--quiet", Path.Combine(bed.Root, "review"), "honk/review");
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "second\n");
        var moved = (await workspace.CommitAsync("More", ct)).HeadCommit;

        var copied = LooseObjectBranchCopy.TryCopy(bed.Source.Path, workspace.MirrorPath, moved, "honk/review", expectedOld: first.Commit);
        var again = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session, branchName: "honk/review"), ct);

        Assert.False(copied);
        Assert.False(again.Succeeded, again.Message);
        Assert.Contains("checked out", again.Message, StringComparison.Ordinal);
        Assert.Equal(first.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/honk/review"));
    }

    [Fact]
    public async Task TryCopy_BranchMovedSinceItWasRead_Declines_AndLeavesItAlone()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var workspace = await bed.AcquireAsync();
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var commit = (await workspace.CommitAsync("Fix add", ct)).HeadCommit;
        GitCommand.Run(bed.Source.Path, "branch", "honk/moved");
        var theirs = await bed.Source.CommitFilesAsync(new Dictionary<string, string> { ["other.txt"] = "someone else\n" }, "their work", ct);
        GitCommand.Run(bed.Source.Path, "branch", "--force", "honk/moved", theirs);

        var copied = LooseObjectBranchCopy.TryCopy(bed.Source.Path, workspace.MirrorPath, commit, "honk/moved", expectedOld: bed.Source.InitialCommit);

        Assert.False(copied);
        Assert.Equal(theirs, GitCommand.Head(bed.Source.Path, "refs/heads/honk/moved"));
    }
}
