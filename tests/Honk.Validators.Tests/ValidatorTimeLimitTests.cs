using Honk.Testing;
using Honk.Validators.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Honk.Validators.Tests;

/// <summary>
/// The validator's time limit: a repository sets it in its honk.json, and a step the limit left no room for is said to
/// have never started — not "stopped by the time limit after 0 s", sent to the model as a failure of its code. Found
/// on changesets/changesets (session 11): at load 20–40 the install and vitest used the 10 minutes, and the lint step
/// went to the model.
/// </summary>
public sealed class ValidatorTimeLimitTests : IDisposable
{
    private readonly TemporaryDirectory _repo = new("honk-time-limit");

    public ValidatorTimeLimitTests()
        => _repo.WriteFile("package.json", """{ "name": "calc", "scripts": { "build": "tsc", "test": "vitest run", "lint": "eslint ." } }""");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Validate_TheRepositorySetsTimeoutMinutes_EveryCommandGetsThatLimit()
    {
        _repo.WriteFile("honk.json", """{ "validators": { "timeoutMinutes": 25 } }""");
        var runner = new RecordingCommandRunner();

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        var build = runner.Requests[0];
        Assert.InRange(build.Timeout!.Value, TimeSpan.FromMinutes(24), TimeSpan.FromMinutes(25));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("\"20\"")]
    public async Task Validate_AWrongTimeoutMinutes_FailsNamingTheKey(string value)
    {
        _repo.WriteFile("honk.json", $$"""{ "validators": { "timeoutMinutes": {{value}} } }""");
        var runner = new RecordingCommandRunner();

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("timeoutMinutes", result.Summary, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Validate_TheBuildUsesTheWholeLimit_TestAndLintNeverStarted_TheEnvironmentNotAFixRequest()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));
        var runner = new RecordingCommandRunner(request =>
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            return new CommandResult(0, "", TimeSpan.FromMinutes(10));
        });

        var result = await new NodeValidator(new NodeValidatorOptions { Timeout = TimeSpan.FromMinutes(10) }, clock)
            .ValidateAsync(new FolderWorkspace(_repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Single(runner.Requests);
        Assert.Equal(ValidationFailureKind.Environment, result.FailureKind);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(CommandValidator.NotStartedCode, finding.Code);
        Assert.StartsWith("not started: test, lint. The validator's time limit (10 min) was used up", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("after 0 s", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_TheBasesFailureAndAStepThatNeverStarted_TheEnvironment()
    {
        var old = new ValidationFinding("AssertionError: expected 'a' to be 'b'") { TestName = "status > prints", File = "packages/cli/src/status.test.ts" };
        var notStarted = new ValidationFinding("not started: lint. The validator's time limit (10 min) was used up by the steps before.") { Code = CommandValidator.NotStartedCode };
        var current = ValidationResult.Failure("npm: test failed; lint not started (time limit)", [old, notStarted]);
        var baseline = ValidationResult.Failure("npm: test failed", [old]);

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, new BaselineComparison { BusinessReason = _ => null, IsEnvironment = _ => false });

        Assert.Equal(ValidationFailureKind.Environment, marked.FailureKind);
        Assert.Contains("time limit", marked.Summary, StringComparison.Ordinal);
    }
}
