using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;
using Honk.Testing;

namespace Honk.Delivery.Tests.Git;

/// <summary>The commit every git channel starts with: message, trailers, identity, folding, idempotency.</summary>
public sealed class CommitStepTests
{
    [Fact]
    public async Task DeliverAsync_ChangedWorkspace_CommitsWithSubjectBodyAndProvenanceTrailers()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");
        DeliveryTestBed.Edit(workspace, "tests/CalcTests.cs", "// new test\n");
        var task = new CodingTask("Fix Calc.Add so that it adds.") { Title = "Fix Calc.Add" };
        var channel = new GitBranchDeliveryChannel(bed.Options(o => o.PromptVersion = "2025-06"), bed.Clock);

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session, task), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(GitCommand.Head(workspace.MirrorPath, "refs/heads/" + workspace.Branch), result.Commit);
        var subject = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%s", result.Commit!).Trim();
        var body = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%b", result.Commit!);
        Assert.Equal("Fix Calc.Add", subject);
        Assert.Contains("Fixed Add: it subtracted instead of adding.", body, StringComparison.Ordinal);
        Assert.Contains("- src/Calc.cs\n", body, StringComparison.Ordinal);
        Assert.Contains("- tests/CalcTests.cs\n", body, StringComparison.Ordinal);

        var trailers = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%(trailers:only,unfold)", result.Commit!).Trim().Split('\n');
        Assert.Equal(
            [
                $"Honk-Session: {session}",
                $"Honk-Task-Digest: {task.ComputeDigest()}",
                "Honk-Model: openai:gpt-test",
                "Honk-Validators: dotnet=passed, npm=skipped",
                "Honk-Prompt-Version: 2025-06",
            ],
            trailers);
    }

    [Fact]
    public async Task DeliverAsync_Commit_UsesIdentityFromOptionsAndDateFromClock()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var channel = new GitBranchDeliveryChannel(bed.Options(o => { o.CommitterName = "Review Bot"; o.CommitterEmail = "review@bots.invalid"; }), bed.Clock);

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        var people = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%at", result.Commit!).Trim();
        Assert.Equal($"Review Bot <review@bots.invalid>|Review Bot <review@bots.invalid>|{DeliveryTestBed.Now.ToUnixTimeSeconds()}", people);
        Assert.Equal(workspace.BaseCommit, GitCommand.Head(workspace.MirrorPath, result.Commit + "^"));
    }

    [Fact]
    public async Task DeliverAsync_NoTitleAndLongGoal_SubjectIsFirstGoalLineCutTo72Characters()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "README.md", "# calc, fixed\n");
        var goal = "\n  Migrate every call of FooClient.Send to FooClient.SendAsync across the solution and keep the tests green\nSecond line.";
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session, new CodingTask(goal), summary: null, model: null), TestContext.Current.CancellationToken);

        var subject = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%s", result.Commit!).Trim();
        Assert.True(subject.Length <= 72, subject);
        Assert.StartsWith("Migrate every call of FooClient.Send to FooClient.SendAsync", subject, StringComparison.Ordinal);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
        var trailers = GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%(trailers:only,unfold)", result.Commit!);
        Assert.Contains("Honk-Model: unknown\n", trailers, StringComparison.Ordinal);
        Assert.DoesNotContain("Honk-Prompt-Version", trailers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ModelCommittedItself_FoldsEverythingIntoOneCommitWithTrailers()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "step one\n");
        GitCommand.Run(workspace.RootPath, "commit", "--quiet", "-am", "wip by the model");
        DeliveryTestBed.Edit(workspace, "NOTES.md", "step two, uncommitted\n");
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(workspace.BaseCommit, GitCommand.Head(workspace.MirrorPath, result.Commit + "^"));
        var files = GitCommand.Run(workspace.MirrorPath, "diff", "--name-only", workspace.BaseCommit, result.Commit!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NOTES.md", "src/Calc.cs"], files);
        Assert.Contains($"Honk-Session: {session}", GitCommand.Run(workspace.MirrorPath, "log", "-1", "--format=%B", result.Commit!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_SameSessionTwice_DoesNotCreateASecondCommit()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var context = DeliveryTestBed.Context(workspace, session);
        var ct = TestContext.Current.CancellationToken;

        var first = await new GitPatchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);
        var second = await new GitBranchDeliveryChannel(bed.Options(), TimeProvider.System).DeliverAsync(context, ct);

        Assert.True(first.Succeeded && second.Succeeded, first.Message + " / " + second.Message);
        Assert.Equal(first.Commit, second.Commit);
        Assert.Equal("1", GitCommand.Run(workspace.MirrorPath, "rev-list", "--count", $"{workspace.BaseCommit}..refs/heads/{workspace.Branch}").Trim());
    }

    [Fact]
    public async Task DeliverAsync_MoreWorkAfterAnEarlierDelivery_AddsAFollowUpCommitOnTop()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        var channel = new GitBranchDeliveryChannel(bed.Options(), bed.Clock);
        var ct = TestContext.Current.CancellationToken;
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var first = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed better\n");

        var second = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);

        Assert.True(second.Succeeded, second.Message);
        Assert.NotEqual(first.Commit, second.Commit);
        Assert.Equal(first.Commit, GitCommand.Head(workspace.MirrorPath, second.Commit + "^"));
        Assert.Equal(second.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/" + workspace.Branch));
        Assert.StartsWith("Updated branch", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_NothingChanged_SucceedsWithoutCommitBranchOrPatch()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        var ct = TestContext.Current.CancellationToken;
        var context = DeliveryTestBed.Context(workspace, session);

        var branch = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);
        var patch = await new GitPatchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);

        Assert.True(branch.Succeeded);
        Assert.StartsWith("Nothing to deliver", branch.Message, StringComparison.Ordinal);
        Assert.Null(branch.Commit);
        Assert.Null(patch.PatchPath);
        Assert.False(Directory.Exists(bed.PatchDirectory));
        Assert.Null(GitCommand.TryHead(bed.Source.Path, "refs/heads/" + workspace.Branch));
        Assert.Equal(workspace.BaseCommit, GitCommand.Head(workspace.MirrorPath, "refs/heads/" + workspace.Branch));
    }

    [Fact]
    public async Task DeliverAsync_WorkspaceIsNotGit_FailsWithAClearMessage()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        using var folder = new TemporaryDirectory();
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var context = new DeliveryContext(new CodingTask("x"), workspace, new SessionResult { SessionId = "s1", Status = SessionStatus.Succeeded });

        var result = await new GitPushDeliveryChannel(bed.Options()).DeliverAsync(context, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("push", result.Channel);
        Assert.Contains("needs a git workspace", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_ThrowsAndCommitsNothing()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await new GitBranchDeliveryChannel(bed.Options()).DeliverAsync(DeliveryTestBed.Context(workspace, session), cancelled.Token));

        Assert.Equal(workspace.BaseCommit, GitCommand.Head(workspace.MirrorPath, "refs/heads/" + workspace.Branch));
    }

    [Fact]
    public async Task DeliverAsync_AgainAfterTheWorkspaceWasDisposed_DeliversTheCommittedBranch()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var context = DeliveryTestBed.Context(workspace, session);
        var ct = TestContext.Current.CancellationToken;
        var patch = await new GitPatchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);
        await workspace.DisposeAsync();

        var branch = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);

        Assert.False(Directory.Exists(workspace.RootPath));
        Assert.True(branch.Succeeded, branch.Message);
        Assert.Equal(patch.Commit, branch.Commit);
        Assert.Equal(patch.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/" + workspace.Branch));
    }

    [Fact]
    public async Task DeliverAsync_WorkspaceDisposedBeforeAnyCommit_FailsAndSaysWhy()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        GitCommand.Run(workspace.RootPath, "commit", "--quiet", "--allow-empty", "-m", "the model's own commit");
        await workspace.DisposeAsync();

        var result = await new GitBranchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("no longer exists", result.Message, StringComparison.Ordinal);
    }
}
