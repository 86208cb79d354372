using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class StopGateTests
{
    private const string WriteThenStop = """
        { "turns": [
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v1" } } ] },
          { "text": "done" },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v2" } } ] },
          { "text": "fixed" },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v3" } } ] },
          { "text": "fixed again" },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v4" } } ] },
          { "text": "fixed once more" } ] }
        """;

    [Fact]
    public async Task FailingValidator_SendsFindingsBack_ThenSucceedsWhenFixed()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Failure("Tests failed: CalcTests.Add: Expected: 8, Actual: 9"), ValidationResult.Success("12 tests passed"));
        var options = Options(workspace, WriteTool());
        options.Validators.Add(validator);
        var model = Script(WriteThenStop);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("fix add"), options), TestContext.Current.CancellationToken);

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(2, validator.Calls);
        var feedback = Assert.Single(events.OfType<FeedbackSent>());
        Assert.Equal("stop_gate", feedback.Source);
        Assert.Contains("Expected: 8, Actual: 9", feedback.Message, StringComparison.Ordinal);
        Assert.Contains(model.Requests[2].Messages, m => m.Text.Contains("Expected: 8, Actual: 9", StringComparison.Ordinal));
        Assert.Equal("12 tests passed", Assert.Single(result.Validators).Summary);
        Assert.Equal("fixed", result.Summary);
    }

    [Fact]
    public async Task ValidatorThatNeverPasses_EndsValidationFailed_AfterBoundedRounds()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("build", ValidationResult.Failure("error CS0103: The name 'x' does not exist"));
        var options = Options(workspace, WriteTool());
        options.Loop.MaxStopGateRounds = 2;
        options.Validators.Add(validator);

        var events = await CollectAsync(new AgentSession(Script(WriteThenStop), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.ValidationFailed, result.Status);
        Assert.Equal(3, validator.Calls);
        Assert.Equal(2, events.OfType<FeedbackSent>().Count());
        Assert.False(Assert.Single(result.Validators).Passed);
        Assert.Contains("build", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkippedValidator_DoesNotBlock()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.Validators.Add(new QueueValidator("cargo", ValidationResult.Skip("cargo is not installed")));

        var result = await new AgentSession(Script(WriteThenStop), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(ValidationOutcome.Skipped, Assert.Single(result.Validators).Result.Outcome);
    }

    [Fact]
    public async Task CrashingValidator_CountsAsFailure_NotAnException()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.Loop.MaxStopGateRounds = 0;
        options.Validators.Add(new CrashingValidator());

        var result = await new AgentSession(Script(WriteThenStop), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.ValidationFailed, result.Status);
        Assert.Contains("The validator crashed: InvalidOperationException: no toolchain", Assert.Single(result.Validators).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoChange_EndsNoChanges_WithoutRunningValidators()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Success());
        var options = Options(workspace);
        options.Validators.Add(validator);

        var result = await new AgentSession(Script("""{ "turns": [ { "text": "nothing to do" } ] }"""), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.NoChanges, result.Status);
        Assert.Equal(0, validator.Calls);
    }

    [Fact]
    public async Task ValidateTool_IsOffered_AndRunsTheSameValidators()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Failure("1 test failed"), ValidationResult.Success("ok"));
        var options = Options(workspace, WriteTool());
        options.Validators.Add(validator);
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v1" } }, { "name": "validate", "arguments": {} } ] },
              { "text": "done" } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var validate = ToolResults(events).Single(r => r.Name == "validate");
        Assert.True(validate.IsError);
        Assert.Contains("[unit] FAILED: 1 test failed", validate.Result, StringComparison.Ordinal);
        Assert.Contains(model.Requests[0].Options!.Tools!, t => t.Name == "validate");
        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
    }

    private sealed class CrashingValidator : Validator
    {
        public override string Name => "crashy";

        protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
            => throw new InvalidOperationException("no toolchain");
    }
}
