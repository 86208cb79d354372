using Honk.Prompting;
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
    public async Task NoChange_OnAPassingTree_EndsNoChanges_AfterTheGateRanThere()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Success("3 tests passed"));
        var options = Options(workspace);
        options.Validators.Add(validator);

        var events = await CollectAsync(new AgentSession(Script("""{ "turns": [ { "text": "nothing to do" } ] }"""), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.NoChanges, result.Status);
        Assert.Equal(1, validator.Calls);
        Assert.Equal(0, Assert.Single(events.OfType<ValidationStarted>()).Round);
        Assert.Equal("3 tests passed", Assert.Single(result.Validators).Summary);
        Assert.Contains("pass on the untouched tree", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoChange_WhileChecksFail_EndsFailed_SayingSo()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Failure("unit: test failed (1 problem)\nFAILED CalcTests.Add: Expected: 3, Actual: 4"));
        var options = Options(workspace);
        options.Validators.Add(validator);

        var result = await new AgentSession(Script("""{ "turns": [ { "text": "cannot fix" } ] }"""), new CodingTask("make CalcTests.Add pass"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.False(result.IsSuccess);
        Assert.Contains("stopped without changing any file while the repository's checks fail (unit)", result.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(result.Validators).Passed);
    }

    [Fact]
    public async Task NoChange_WhenNotApplicable_EndsNoChanges_WithoutRunningValidators()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Failure("broken"));
        var options = Options(workspace);
        options.Tools.Add(new ReportNotApplicableTool());
        options.Validators.Add(validator);
        var script = """{ "turns": [ { "toolCalls": [ { "name": "report_not_applicable", "arguments": { "reason": "no such client here" } } ] } ] }""";

        var result = await new AgentSession(Script(script), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.NoChanges, result.Status);
        Assert.Equal(0, validator.Calls);
        Assert.Contains("no such client here", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateToolsRun_IsTheResultsValidation_WhenTheSessionEndsBeforeAGate()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("unit", ValidationResult.Failure("unit: 1 test failed"));
        var options = Options(workspace);
        options.Validators.Add(validator);

        // The script runs out after the validate call: no gate ran, yet the result shows what the model saw.
        var result = await new AgentSession(Script("""{ "turns": [ { "toolCalls": [ { "name": "validate", "arguments": {} } ] } ] }"""), new CodingTask("x"), options)
            .RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Equal("unit: 1 test failed", Assert.Single(result.Validators).Summary);
    }

    [Fact]
    public async Task PreExistingFailure_DoesNotBlock_ButIsListed_UnlessTheTaskIsStrict()
    {
        var preExisting = ValidationResult.Failure("unit: test failed", [new ValidationFinding("Expected: 1, Actual: 2") { TestName = "Other.Flaky", PreExisting = true }]);
        foreach (var (policy, expected) in new[] { (PreExistingFailures.Auto, SessionStatus.Succeeded), (PreExistingFailures.Strict, SessionStatus.ValidationFailed) })
        {
            await using var workspace = new FolderWorkspace();
            var options = Options(workspace, WriteTool());
            options.Loop.MaxStopGateRounds = 0;
            options.Validators.Add(new QueueValidator("unit", preExisting));

            var result = await new AgentSession(Script(WriteThenStop), new CodingTask("x") { PreExistingFailures = policy }, options).RunAsync(TestContext.Current.CancellationToken);

            Assert.Equal(expected, result.Status);
            Assert.Equal(policy == PreExistingFailures.Auto ? ["unit: Other.Flaky: Expected: 1, Actual: 2"] : [], result.PreExistingFailures);
        }
    }

    [Fact]
    public async Task NoTestsRan_Blocks_EvenWhenMarkedPreExisting()
    {
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.Loop.MaxStopGateRounds = 0;
        options.Validators.Add(new QueueValidator("ctest", ValidationResult.NoTestsRan("ctest", "ctest in build/ reported \"No tests were found\"")));

        var result = await new AgentSession(Script(WriteThenStop), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.ValidationFailed, result.Status);
        Assert.Contains("no tests ran: ctest in build/", Assert.Single(result.Validators).Summary, StringComparison.Ordinal);
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
