using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Baseline;

public sealed class ValidationBaselineTests
{
    private static readonly ValidationFinding OldTest = new("Expected: 1\nActual: 2") { TestName = "T.Old" };
    private static readonly ValidationFinding OldWarning = new("Bad thing 42") { File = "src/A.cs", Line = 10, Code = "CS1234" };
    private static readonly ValidationFinding NewTest = new("Expected: 8\nActual: 9") { TestName = "T.New" };

    [Fact]
    public void MarkPreExisting_SameFailuresMovedLines_AllPreExisting()
    {
        var baseline = ValidationResult.Failure("dotnet: test failed (2 problems)", [OldTest, OldWarning]);
        var current = ValidationResult.Failure("dotnet: test failed (2 problems)", [OldTest, OldWarning with { Line = 14 }]);

        var marked = ValidationBaseline.MarkPreExisting(current, baseline);

        Assert.True(marked.OnlyPreExistingFailures);
        Assert.StartsWith("dotnet: test failed (2 problems, 2 pre-existing on the base)", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_NewFailure_StillBlocks()
    {
        var baseline = ValidationResult.Failure("dotnet: test failed", [OldTest]);
        var current = ValidationResult.Failure("dotnet: test failed (2 problems)", [NewTest, OldTest]);

        var marked = ValidationBaseline.MarkPreExisting(current, baseline);

        Assert.False(marked.OnlyPreExistingFailures);
        Assert.Equal([false, true], marked.Findings.Select(f => f.PreExisting));
        Assert.Contains("(pre-existing) FAILED T.Old", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_SameTestFailingDifferently_IsTheSessionsFailure()
    {
        // The task was to fix T.Old; the change made it fail another way. That must block, not pass as "already broken".
        var baseline = ValidationResult.Failure("npm: test failed", [OldTest]);
        var current = ValidationResult.Failure("npm: test failed", [OldTest with { Message = "Expected: 1\nActual: 5" }]);

        var marked = ValidationBaseline.MarkPreExisting(current, baseline);

        Assert.False(marked.OnlyPreExistingFailures);
        Assert.False(Assert.Single(marked.Findings).PreExisting);
    }

    [Fact]
    public void MarkPreExisting_BasePassed_Unchanged()
    {
        var current = ValidationResult.Failure("dotnet: test failed", [NewTest]);

        Assert.Same(current, ValidationBaseline.MarkPreExisting(current, ValidationResult.Success()));
    }

    [Fact]
    public async Task BaselineValidator_FailsTwice_CapturesBaselineOnceAndMarks()
    {
        var inner = new FakeValidator("dotnet", ValidationResult.Failure("x", [OldTest]), ValidationResult.Failure("x", [OldTest, NewTest]));
        var captures = 0;
        var validator = new BaselineValidator(inner, _ =>
        {
            captures++;
            return Task.FromResult(new ValidationBaseline([new ValidatorReport("dotnet", ValidationResult.Failure("x", [OldTest]))]));
        });
        var context = new FolderWorkspace("/nonexistent").Context(null);

        var first = await validator.ValidateAsync(context, TestContext.Current.CancellationToken);
        var second = await validator.ValidateAsync(context, TestContext.Current.CancellationToken);

        Assert.True(first.OnlyPreExistingFailures);
        Assert.False(second.OnlyPreExistingFailures);
        Assert.Equal(1, captures);
    }

    [Fact]
    public async Task BaselineValidator_Passes_NeverCaptures()
    {
        var validator = new BaselineValidator(new FakeValidator("dotnet"), _ => throw new InvalidOperationException("must not capture"));

        var result = await validator.ValidateAsync(new FolderWorkspace("/nonexistent").Context(null), TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
    }

    [Fact]
    public async Task CaptureAsync_ApplicableValidators_RunsOnBaseContext()
    {
        var applies = new FakeValidator("a", ValidationResult.Failure("a failed", [OldTest]));
        var skipped = new FakeValidator("b") { Applies = false };
        var context = new FolderWorkspace("/nonexistent").Context(null, round: 0);

        var baseline = await ValidationBaseline.CaptureAsync([applies, skipped], context, TestContext.Current.CancellationToken);

        Assert.Equal(["a"], baseline.Reports.Select(r => r.Name));
        Assert.Equal(0, Assert.Single(applies.Contexts).Round);
        Assert.Null(baseline.For("b"));
        var applied = baseline.Apply([new ValidatorReport("a", ValidationResult.Failure("a failed", [OldTest]))]);
        Assert.True(applied[0].Result.OnlyPreExistingFailures);
    }
}
