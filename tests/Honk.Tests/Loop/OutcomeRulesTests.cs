using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class OutcomeRulesTests
{
    private static readonly ValidationFinding OnTheBase = new("Expected: 1, Actual: 2") { TestName = "Other.Test", PreExisting = true };
    private static readonly ValidationFinding New = new("Expected: 3, Actual: 4") { TestName = "Calc.Add" };

    [Theory]
    [InlineData(PreExistingFailures.Auto, false)]
    [InlineData(PreExistingFailures.Tolerant, false)]
    [InlineData(PreExistingFailures.Strict, true)]
    public void OnlyPreExistingFailures_BlockOnlyWhenStrict(PreExistingFailures policy, bool blocks)
    {
        var report = new ValidatorReport("unit", ValidationResult.Failure("unit: test failed", [OnTheBase]));

        Assert.Equal(blocks, OutcomeRules.Blocks(report, policy));
    }

    [Theory]
    [InlineData(PreExistingFailures.Auto)]
    [InlineData(PreExistingFailures.Tolerant)]
    [InlineData(PreExistingFailures.Strict)]
    public void ANewFailure_Blocks_WhateverThePolicy(PreExistingFailures policy)
    {
        var report = new ValidatorReport("unit", ValidationResult.Failure("unit: test failed", [OnTheBase, New]));

        Assert.True(OutcomeRules.Blocks(report, policy));
    }

    [Theory]
    [InlineData(ValidationFailureKind.NoTestsRan)]
    [InlineData(ValidationFailureKind.Infrastructure)]
    public void NoTestsRan_AndBrokenRuns_Block_EvenWithEveryFindingMarkedPreExisting(ValidationFailureKind kind)
    {
        var report = new ValidatorReport("unit", ValidationResult.Failure("unit: broke", [OnTheBase], kind));

        Assert.False(report.Result.OnlyPreExistingFailures);
        Assert.True(OutcomeRules.Blocks(report, PreExistingFailures.Tolerant));
        Assert.Empty(OutcomeRules.Tolerated([report]));
    }

    [Fact]
    public void AFailureWithoutFindings_Blocks()
        => Assert.True(OutcomeRules.Blocks(new ValidatorReport("unit", ValidationResult.Failure("unit: exit code 2"))));

    [Fact]
    public void PassedAndSkipped_DoNotBlock()
    {
        Assert.False(OutcomeRules.AnyBlocks([new ValidatorReport("a", ValidationResult.Success()), new ValidatorReport("b", ValidationResult.Skip("no cargo"))], PreExistingFailures.Strict));
    }

    [Fact]
    public void Tolerated_ListsPreExistingFindings_WithTheirValidator_AndNothingWhenStrict()
    {
        var reports = new[] { new ValidatorReport("npm", ValidationResult.Failure("npm: test failed", [OnTheBase])), new ValidatorReport("ok", ValidationResult.Success()) };

        Assert.Equal(["npm: Other.Test: Expected: 1, Actual: 2"], OutcomeRules.Tolerated(reports));
        Assert.Empty(OutcomeRules.Tolerated(reports, PreExistingFailures.Strict));
    }

    [Fact]
    public void NoChange_NotApplicable_IsNoChanges()
    {
        var (status, message) = OutcomeRules.NoChange("the repository has no FooClient", null);

        Assert.Equal(SessionStatus.NoChanges, status);
        Assert.Equal("Not applicable: the repository has no FooClient", message);
    }

    [Fact]
    public void NoChange_OnAPassingTree_IsNoChanges_AndWithoutValidatorsToo()
    {
        Assert.Equal(SessionStatus.NoChanges, OutcomeRules.NoChange(null, [new ValidatorReport("go", ValidationResult.Success("go: 3 tests passed"))]).Status);
        Assert.Equal(SessionStatus.NoChanges, OutcomeRules.NoChange(null, []).Status);
        Assert.Equal(SessionStatus.NoChanges, OutcomeRules.NoChange(null, null).Status);
    }

    [Fact]
    public void NoChange_WhileChecksFail_IsFailed_EvenWhenTheFailuresArePreExisting()
    {
        // On the untouched tree every failure is "already there" — and nothing was done about it.
        var reports = new[] { new ValidatorReport("npm", ValidationResult.Failure("npm: test failed (1 problem)\nFAILED adds two numbers", [OnTheBase])) };

        var (status, message) = OutcomeRules.NoChange(null, reports);

        Assert.Equal(SessionStatus.Failed, status);
        Assert.StartsWith("The model stopped without changing any file while the repository's checks fail (npm): npm: test failed (1 problem) FAILED adds two numbers", message, StringComparison.Ordinal);
    }

    private static readonly ValidationResult OfflineBuild = ValidationResult.Failure(
        "cargo: build failed (environment)\nno matching package named `nothere` found", [new ValidationFinding("no matching package named `nothere` found")], ValidationFailureKind.Environment);

    [Theory]
    [InlineData(PreExistingFailures.Auto)]
    [InlineData(PreExistingFailures.Tolerant)]
    public void AnEnvironmentFailure_Blocks_AndStopsTheSession_InsteadOfAskingTheModel(PreExistingFailures policy)
    {
        var reports = new[] { new ValidatorReport("cargo", OfflineBuild), new ValidatorReport("ok", ValidationResult.Success()) };

        Assert.True(OutcomeRules.AnyBlocks(reports, policy));
        Assert.Empty(OutcomeRules.Tolerated(reports, policy));
        var message = OutcomeRules.EnvironmentStop(reports, policy);
        Assert.NotNull(message);
        Assert.StartsWith("The repository's checks cannot run in this environment (cargo)", message, StringComparison.Ordinal);
        Assert.Contains("no matching package named `nothere` found", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureTheModelCanFix_BesideAnEnvironmentFailure_IsSentToTheModel()
    {
        var reports = new[] { new ValidatorReport("cargo", OfflineBuild), new ValidatorReport("unit", ValidationResult.Failure("unit: test failed", [New])) };

        Assert.Null(OutcomeRules.EnvironmentStop(reports));
        Assert.Null(OutcomeRules.EnvironmentStop([new ValidatorReport("ok", ValidationResult.Success())]));
    }

    [Fact]
    public async Task Session_WhoseChecksCannotRunHere_EndsValidationFailed_WithoutAnotherModelTurn()
    {
        await using var workspace = new FolderWorkspace();
        var validator = new QueueValidator("cargo", OfflineBuild);
        var options = Options(workspace, WriteTool());
        options.Validators.Add(validator);
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "CODEOWNERS", "content": "* @team" } } ] },
              { "text": "done" },
              { "text": "a turn the session must not ask for" } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("add a CODEOWNERS file"), options), TestContext.Current.CancellationToken);

        var result = ResultOf(events);
        Assert.Equal(SessionStatus.ValidationFailed, result.Status);
        Assert.StartsWith("The repository's checks cannot run in this environment (cargo)", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, validator.Calls);
        Assert.Empty(events.OfType<FeedbackSent>());
        Assert.Equal(2, model.Requests.Count);
        Assert.False(Assert.Single(result.Validators).Passed);
    }
}
