using Honk.Testing;

namespace Honk.Tests.TestingPackage;

public sealed class FakesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TemporaryDirectory Folder, DirectoryWorkspace Workspace)> NewWorkspaceAsync()
    {
        var folder = new TemporaryDirectory("honk-fakes");
        return (folder, await DirectoryWorkspace.CreateAsync(folder.Path, deleteRootOnDispose: true, cancellationToken: Ct));
    }

    [Fact]
    public async Task FakeValidator_QueuedResults_ReturnsThemInOrderThenRepeatsTheLastAndCounts()
    {
        var (_, workspace) = await NewWorkspaceAsync();
        await using var _ws = workspace;
        var validator = new FakeValidator("dotnet", ValidationResult.Failure("1 test failed"), ValidationResult.Success("ok"));
        var context = new ValidationContext("s1", new CodingTask("goal"), workspace) { Round = 1 };

        var first = await validator.ValidateAsync(context, Ct);
        var second = await validator.ValidateAsync(context, Ct);
        var third = await validator.ValidateAsync(context, Ct);

        Assert.Equal("dotnet", validator.Name);
        Assert.False(first.Passed);
        Assert.True(second.Passed);
        Assert.Same(second, third);
        Assert.Equal(3, validator.Calls);
        Assert.Same(context, validator.Contexts[0]);
    }

    [Fact]
    public async Task FakeValidator_NothingQueuedAndNotApplicable_PassesAndSaysSo()
    {
        var (_, workspace) = await NewWorkspaceAsync();
        await using var _ws = workspace;
        var validator = new FakeValidator { Applies = false };
        var context = new ValidationContext("s1", new CodingTask("goal"), workspace);

        Assert.False(await validator.AppliesToAsync(context, Ct));
        Assert.Equal(ValidationOutcome.Passed, (await validator.ValidateAsync(context, Ct)).Outcome);
    }

    [Fact]
    public async Task FakeJudge_QueuedVerdicts_ReturnsThemThenApproves()
    {
        var judge = new FakeJudge("llm-judge", Verdict.Veto("out of scope"));
        var context = new JudgeContext("s1", new CodingTask("goal"), "diff", ["a.cs"]);

        var first = await judge.JudgeAsync(context, Ct);
        var second = await judge.JudgeAsync(context, Ct);

        Assert.False(first.Approved);
        Assert.Equal("out of scope", first.Feedback);
        Assert.True(second.Approved);
        Assert.Equal(2, judge.Calls);
        Assert.Equal(["a.cs"], judge.Contexts[1].ChangedFiles);
    }

    [Fact]
    public async Task RecordingDeliveryChannel_Deliver_RecordsContextAndReturnsConfiguredResult()
    {
        var (_, workspace) = await NewWorkspaceAsync();
        await using var _ws = workspace;
        var result = new DeliveryResult { Channel = "pr", Succeeded = true, Url = new Uri("https://example.invalid/pr/7") };
        var channel = RecordingDeliveryChannel.Returning(result);
        var context = new DeliveryContext(new CodingTask("goal"), workspace, new SessionResult { SessionId = "s1", Status = SessionStatus.Succeeded });

        var delivered = await channel.DeliverAsync(context, Ct);

        Assert.Same(result, delivered);
        Assert.Equal("pr", channel.Name);
        Assert.Same(context, Assert.Single(channel.Deliveries));
    }

    [Fact]
    public async Task RecordingDeliveryChannel_Default_DeliversNamingTheSession()
    {
        var (_, workspace) = await NewWorkspaceAsync();
        await using var _ws = workspace;
        var channel = new RecordingDeliveryChannel();

        var delivered = await channel.DeliverAsync(new DeliveryContext(new CodingTask("goal"), workspace, new SessionResult { SessionId = "s9", Status = SessionStatus.Succeeded }), Ct);

        Assert.True(delivered.Succeeded);
        Assert.Contains("s9", delivered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingCommandRunner_Run_RecordsRequestsAndAnswersQueuedThenDefault()
    {
        var runner = new RecordingCommandRunner(r => new CommandResult(3, $"ran {r.FileName}", TimeSpan.Zero))
            .Enqueue(new CommandResult(0, "first", TimeSpan.Zero));

        var first = await runner.RunAsync(CommandRequest.Shell("dotnet test"), Ct);
        var second = await runner.RunAsync(new CommandRequest("npm", ["test"]), Ct);

        Assert.Equal("first", first.Output);
        Assert.Equal(3, second.ExitCode);
        Assert.Equal("ran npm", second.Output);
        Assert.Equal(["/bin/sh", "npm"], runner.Requests.Select(r => r.FileName));
    }

    [Fact]
    public async Task Fakes_Cancelled_Throw()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RecordingCommandRunner().RunAsync(CommandRequest.Shell("x"), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new FakeJudge().JudgeAsync(new JudgeContext("s", new CodingTask("g"), "", []), cts.Token));
    }
}
