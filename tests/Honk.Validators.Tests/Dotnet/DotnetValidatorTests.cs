using System.Text;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Dotnet;

public sealed class DotnetValidatorTests(DotnetSolutionFixture fixture) : IClassFixture<DotnetSolutionFixture>
{
    [Fact]
    public async Task ValidateAsync_FailingTest_NamesTestWithAssertionAndFrame()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetSolutionFixture.BuggyCalculator);

        var result = await ValidateAsync(DotnetSolutionFixture.CalculatorPath);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Findings, f => f.TestName != "Calc.Tests.FlakyTests.PassesOnSecondRun");
        Assert.Equal("Calc.Tests.CalculatorTests.Add_ReturnsSum", failure.TestName);
        Assert.Equal(DotnetSolutionFixture.TestsPath, failure.File);
        Assert.Equal(10, failure.Line);
        Assert.Contains("Expected: 8", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Actual: 9", result.Summary, StringComparison.Ordinal);
        Assert.Contains("FAILED Calc.Tests.CalculatorTests.Add_ReturnsSum", result.Summary, StringComparison.Ordinal);
        // The flaky test's project depends on the changed one: it is the session's business, so it still blocks.
        Assert.Contains("flaky (failed, then passed on re-run), yet yours to fix: Calc.Tests.FlakyTests.PassesOnSecondRun (the change touches src/Calc", result.Summary, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(result.Summary) <= 2048, result.Summary);
        Assert.Empty(Directory.GetDirectories(fixture.Root, ".honk-test-results-*"));
    }

    [Fact]
    public async Task ValidateAsync_TheoryWithOneFailingRow_IsAFailure_NotFlaky()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetSolutionFixture.FixedCalculator);
        var theory = Path.Combine(fixture.Root, "tests/Calc.Tests/TheoryTests.cs");
        await File.WriteAllTextAsync(theory, """
            using Xunit;

            namespace Calc.Tests;

            public class TheoryTests
            {
                [Theory]
                [InlineData(1, 1, 2)]
                [InlineData(2, 2, 5)]
                public void Add_Rows(int a, int b, int sum) => Assert.Equal(sum, Calculator.Add(a, b));
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            var result = await ValidateAsync("tests/Calc.Tests/TheoryTests.cs");

            // The passing row shares the failing row's name; the re-run must not call the theory flaky.
            Assert.Equal(ValidationOutcome.Failed, result.Outcome);
            Assert.Contains(result.Findings, f => f.TestName == "Calc.Tests.TheoryTests.Add_Rows");
            Assert.DoesNotContain("flaky (failed, then passed on re-run): Calc.Tests.TheoryTests", result.Summary, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(theory);
        }
    }

    [Fact]
    public async Task ValidateAsync_CompileError_ReportsFileLineAndCode()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetSolutionFixture.BrokenCalculator);

        var result = await ValidateAsync(DotnetSolutionFixture.CalculatorPath);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Findings);
        Assert.Equal(DotnetSolutionFixture.CalculatorPath, error.File);
        Assert.Equal(5, error.Line);
        Assert.Equal("CS0103", error.Code);
        Assert.Contains("src/Calc/Calculator.cs(5,", result.Summary, StringComparison.Ordinal);
        Assert.Contains("error CS0103: The name 'missing' does not exist", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Root, result.Summary, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(result.Summary) <= 2048, result.Summary);
    }

    [Fact]
    public async Task ValidateAsync_FixedCode_PassesWithOneLine()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        fixture.Reset(DotnetSolutionFixture.FixedCalculator);

        // A tolerant task lets the flaky test pass even though its project depends on the changed one.
        var result = await ValidateAsync(PreExistingFailures.Tolerant, DotnetSolutionFixture.CalculatorPath);

        Assert.True(result.Passed, result.Summary);
        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.DoesNotContain('\n', result.Summary);
        Assert.StartsWith("dotnet: build ok", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Calc.Tests.FlakyTests.PassesOnSecondRun", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_NotRestoredWithoutNetwork_FailsWithoutRunning()
    {
        using var directory = new Honk.Testing.TemporaryDirectory("honk-validators-norestore");
        directory.WriteFile("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        var runner = new Honk.Testing.RecordingCommandRunner();
        var workspace = new FolderWorkspace(directory.Path);

        var result = await new DotnetValidator().ValidateAsync(workspace.Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("App/App.csproj", result.Summary, StringComparison.Ordinal);
        Assert.Contains("AllowNetwork", result.Summary, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    private Task<ValidationResult> ValidateAsync(params string[] changed) => ValidateAsync(PreExistingFailures.Auto, changed);

    private async Task<ValidationResult> ValidateAsync(PreExistingFailures failures, params string[] changed)
    {
        var workspace = new FolderWorkspace(fixture.Root);
        workspace.Changed.AddRange(changed);
        var validator = new DotnetValidator();
        var context = workspace.Context(SandboxRunners.For(fixture.Root)) is var plain && failures == PreExistingFailures.Auto
            ? plain
            : new ValidationContext(plain.SessionId, new CodingTask("test") { PreExistingFailures = failures }, workspace) { CommandRunner = plain.CommandRunner, Round = plain.Round };
        Assert.True(await validator.AppliesToAsync(context, TestContext.Current.CancellationToken));
        return await validator.ValidateAsync(context, TestContext.Current.CancellationToken);
    }
}
