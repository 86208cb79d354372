using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class ReviewAndDeliveryTests
{
    private const string TwoAttempts = """
        { "turns": [
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v1" } } ] },
          { "text": "done" },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v2" } } ] },
          { "text": "narrowed" },
          { "text": "still done" } ] }
        """;

    [Fact]
    public async Task Veto_SendsFeedback_ThenApprovalDelivers()
    {
        await using var workspace = new FolderWorkspace();
        var judge = new QueueJudge(Verdict.Veto("The change renames unrelated files."), Verdict.Approve());
        var channel = new RecordingChannel();
        var options = Options(workspace, WriteTool());
        options.Judges.Add(judge);
        options.DeliveryChannels.Add(channel);
        var model = Script(TwoAttempts);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(2, judge.Calls);
        Assert.Contains("renames unrelated files", Assert.Single(events.OfType<FeedbackSent>()).Message, StringComparison.Ordinal);
        Assert.Contains("+++ b/a.txt", judge.LastContext!.Diff, StringComparison.Ordinal);
        var delivered = Assert.Single(channel.Contexts);
        Assert.Equal(["a.txt"], delivered.Result.ChangedFiles);
        Assert.Equal("abc123", result.Commit);
        Assert.Equal("honk/test", result.Branch);
        Assert.True(result.Verdict!.Approved);
    }

    [Fact]
    public async Task PersistentVeto_EndsVetoed_AndNothingIsDelivered()
    {
        await using var workspace = new FolderWorkspace();
        var channel = new RecordingChannel();
        var options = Options(workspace, WriteTool());
        options.Loop.MaxJudgeRounds = 1;
        options.Judges.Add(new QueueJudge(Verdict.Veto("Tests were deleted.")));
        options.DeliveryChannels.Add(channel);

        var result = await new AgentSession(Script(TwoAttempts), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Vetoed, result.Status);
        Assert.Contains("Tests were deleted.", result.Message, StringComparison.Ordinal);
        Assert.Empty(channel.Contexts);
    }

    [Fact]
    public async Task FailedDelivery_EndsFailed_AndKeepsTheChange()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.DeliveryChannels.Add(new RecordingChannel(succeed: false));

        var result = await new AgentSession(Script(TwoAttempts), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("remote rejected", result.Message, StringComparison.Ordinal);
        Assert.Equal(["a.txt"], result.ChangedFiles);
        Assert.True(File.Exists(Path.Combine(workspace.RootPath, "a.txt")));
    }

    [Fact]
    public async Task FailedOptionalChannel_IsANotice_AndTheSessionSucceeds()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.DeliveryChannels.Add(new RecordingChannel());
        options.DeliveryChannels.Add(new OptionalFailingChannel());

        var events = await CollectAsync(new AgentSession(Script(TwoAttempts), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
        Assert.Contains(events, e => e is SessionNotice { Level: "warning" } n && n.Message.Contains("chat is down", StringComparison.Ordinal));
        Assert.Equal(2, ResultOf(events).Deliveries.Count);
    }

    [Fact]
    public async Task NotApplicable_ReportedByATool_EndsNoChangesWithReason()
    {
        await using var workspace = new FolderWorkspace();
        var tool = Microsoft.Extensions.AI.AIFunctionFactory.Create(
            (string reason, Microsoft.Extensions.AI.AIFunctionArguments args) =>
            {
                args.GetToolContext().ReportNotApplicable!(reason);
                return "noted";
            },
            "report_not_applicable");
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "report_not_applicable", "arguments": { "reason": "the repository does not use FooClient" } } ] } ] }""");

        var result = await new AgentSession(model, new CodingTask("migrate FooClient"), Options(workspace, tool)).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.NoChanges, result.Status);
        Assert.Equal("Not applicable: the repository does not use FooClient", result.Message);
    }
}

internal sealed class OptionalFailingChannel : DeliveryChannel
{
    public override string Name => "chat";

    public override bool IsRequired => false;

    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(DeliveryResult.Failed(Name, "chat is down"));
}
