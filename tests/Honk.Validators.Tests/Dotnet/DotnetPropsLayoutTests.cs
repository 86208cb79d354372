using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Dotnet;

/// <summary>The .NET layouts that broke on real repositories, validated for real in the sandbox.</summary>
public sealed class DotnetPropsLayoutTests(DotnetPropsLayoutFixture fixture) : IClassFixture<DotnetPropsLayoutFixture>
{
    [Fact]
    public async Task ValidateAsync_TestPackagesFromDirectoryBuildProps_ScopedRunStillRunsTheTests()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetPropsLayoutFixture.WrongArea);

        var result = await ValidateAsync(new DotnetValidator(), round: 1, DotnetPropsLayoutFixture.LibraryPath);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("FAILED Shapes.Tests.AreaTests.Rectangle_MultipliesSides", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Expected: 12", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Actual: 7", result.Summary, StringComparison.Ordinal);
        Assert.Equal(DotnetPropsLayoutFixture.TestsPath, Assert.Single(result.Findings).File);
    }

    [Fact]
    public async Task ValidateAsync_WholeSolution_SampleOutsideItIsNotRestoredOrBuilt_FixPasses()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetPropsLayoutFixture.RightArea);
        var validator = new DotnetValidator();

        var first = await ValidateAsync(validator, round: 0);
        var second = await ValidateAsync(validator, round: 0);

        Assert.True(first.Outcome == ValidationOutcome.Passed, first.Summary);
        Assert.Contains("1 passed", first.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo", first.Summary, StringComparison.Ordinal);
        Assert.Equal(ValidationOutcome.Passed, second.Outcome);
        Assert.Equal(1, validator.ProjectEvaluations);
    }

    private async Task<ValidationResult> ValidateAsync(DotnetValidator validator, int round, params string[] changed)
    {
        var workspace = new FolderWorkspace(fixture.Root);
        workspace.Changed.AddRange(changed);
        var context = workspace.Context(SandboxRunners.For(fixture.Root), round);
        return await validator.ValidateAsync(context, TestContext.Current.CancellationToken);
    }
}
