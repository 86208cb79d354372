using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;

namespace Honk.Delivery.Tests.Git;

public sealed class BranchChannelTests
{
    [Fact]
    public async Task DeliverAsync_LocalSource_CreatesBranchAndLeavesWorkingCopyIndexAndHeadAlone()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var source = bed.Source.Path;
        bed.Source.WriteFile("README.md", "# calc, edited by the user and not committed\n");
        bed.Source.WriteFile("scratch.txt", "untracked\n");
        GitCommand.Run(source, "add", "scratch.txt");
        // status may refresh the index, so the index is read after it and compared before status runs again.
        var statusBefore = await bed.Source.GetStatusAsync(TestContext.Current.CancellationToken);
        var indexBefore = await File.ReadAllBytesAsync(Path.Combine(source, ".git", "index"), TestContext.Current.CancellationToken);
        var headBefore = GitCommand.Run(source, "symbolic-ref", "HEAD").Trim();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("branch", result.Channel);
        Assert.Equal(workspace.Branch, result.Branch);
        Assert.Equal(result.Commit, GitCommand.Head(source, "refs/heads/" + workspace.Branch));
        Assert.Equal("class Calc { int Add(int a, int b) => a + b; }\n", GitCommand.Run(source, "show", $"{workspace.Branch}:src/Calc.cs"));
        Assert.Equal(indexBefore, await File.ReadAllBytesAsync(Path.Combine(source, ".git", "index"), TestContext.Current.CancellationToken));
        Assert.Equal(statusBefore, await bed.Source.GetStatusAsync(TestContext.Current.CancellationToken));
        Assert.Equal(headBefore, GitCommand.Run(source, "symbolic-ref", "HEAD").Trim());
        Assert.Equal(bed.Source.InitialCommit, GitCommand.Head(source));
        Assert.Equal("# calc, edited by the user and not committed\n", bed.Source.ReadFile("README.md"));
        Assert.False(File.Exists(Path.Combine(source, ".git", "FETCH_HEAD")));
    }

    [Fact]
    public async Task DeliverAsync_NamedBranch_CreatesThatBranchInTheSource()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(
            DeliveryTestBed.Context(workspace, session, branchName: "fix/calc-add"), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("fix/calc-add", result.Branch);
        Assert.Equal(result.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/fix/calc-add"));
    }

    [Fact]
    public async Task DeliverAsync_SameSessionAgain_IsIdempotent()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);
        var context = DeliveryTestBed.Context(workspace, session);
        var ct = TestContext.Current.CancellationToken;

        var first = await channel.DeliverAsync(context, ct);
        var refsAfterFirst = GitCommand.Run(bed.Source.Path, "for-each-ref", "--format=%(refname) %(objectname)");
        var second = await channel.DeliverAsync(context, ct);

        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Commit, second.Commit);
        Assert.Contains("already holds the change", second.Message, StringComparison.Ordinal);
        Assert.Equal(refsAfterFirst, GitCommand.Run(bed.Source.Path, "for-each-ref", "--format=%(refname) %(objectname)"));
        Assert.Equal("1", GitCommand.Run(bed.Source.Path, "rev-list", "--count", $"main..{workspace.Branch}").Trim());
    }

    [Fact]
    public async Task DeliverAsync_BranchExistsWithOtherWork_RefusesAndLeavesItAlone()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        GitCommand.Run(bed.Source.Path, "branch", "fix/calc-add");
        var theirs = await bed.Source.CommitFilesAsync(new Dictionary<string, string> { ["other.txt"] = "someone else\n" }, "their work", ct);
        GitCommand.Run(bed.Source.Path, "branch", "--force", "fix/calc-add", theirs);
        GitCommand.Run(bed.Source.Path, "reset", "--quiet", "--hard", bed.Source.InitialCommit);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(
            DeliveryTestBed.Context(workspace, session, branchName: "fix/calc-add"), ct);

        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.Message, StringComparison.Ordinal);
        Assert.Contains("not this session's", result.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, GitCommand.Head(bed.Source.Path, "refs/heads/fix/calc-add"));
        Assert.NotNull(result.Commit);
    }

    [Fact]
    public async Task DeliverAsync_BranchHoldsAnotherSessionsDelivery_Refuses()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);
        var firstSession = DeliveryTestBed.NewSessionId();
        var first = await bed.AcquireAsync(sessionId: firstSession);
        DeliveryTestBed.Edit(first, "src/Calc.cs", "first\n");
        var delivered = await channel.DeliverAsync(DeliveryTestBed.Context(first, firstSession, branchName: "honk/shared"), ct);
        var secondSession = DeliveryTestBed.NewSessionId();
        var second = await bed.AcquireAsync(sessionId: secondSession);
        DeliveryTestBed.Edit(second, "src/Calc.cs", "second\n");

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(second, secondSession, branchName: "honk/shared"), ct);

        Assert.True(delivered.Succeeded, delivered.Message);
        Assert.False(result.Succeeded);
        Assert.Equal(delivered.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/honk/shared"));
    }

    [Fact]
    public async Task DeliverAsync_RemoteSource_FailsAndPointsToPush()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: "file://" + bed.Source.Path, sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("'push'", result.Message, StringComparison.Ordinal);
        Assert.Null(GitCommand.TryHead(bed.Source.Path, "refs/heads/" + workspace.Branch));
    }

    [Fact]
    public async Task DeliverAsync_InvalidBranchName_Fails()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(
            DeliveryTestBed.Context(workspace, session, branchName: "bad..name"), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("not a valid branch name", result.Message, StringComparison.Ordinal);
    }
}
