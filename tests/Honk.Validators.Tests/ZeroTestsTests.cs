using Honk.Validators.Toolchains;
using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

public sealed class ZeroTestsTests
{
    [Theory]
    [InlineData("Test project /w/build\nNo tests were found!!!\n", "\"No tests were found!!!\"")]
    [InlineData("\nno tests ran in 0.01s\n", "\"no tests ran in 0.01s\"")]
    [InlineData("   Compiling calc v0.1.0\nrunning 0 tests\n\ntest result: ok. 0 passed\n   Doc-tests calc\nrunning 0 tests\n", "\"running 0 tests\"")]
    [InlineData("?   \texample.com/calc\t[no test files]\n", "\"[no test files]\"")]
    [InlineData("# tests 0\n# pass 0\n", "\"# tests 0\"")]
    [InlineData("No tests found, exiting with code 1\n", "\"No tests found, exiting with code 1\"")]
    [InlineData("\n  0 passing (2ms)\n", "\"0 passing (2ms)\"")]
    [InlineData("make: Nothing to be done for 'test'.\n", "\"make: Nothing to be done for 'test'.\"")]
    [InlineData("make: 'check' is up to date.\n", "\"make: 'check' is up to date.\"")]
    [InlineData("make: `test' is up to date.\n", "\"make: `test' is up to date.\"")]
    [InlineData(":test\nhonk-gradle: :test ran 0 tests\n\nBUILD SUCCESSFUL in 43s\n", "\"honk-gradle: :test ran 0 tests\"")]
    public void Seen_RecognisesRunsOfNothing(string output, string expected) => Assert.Equal(expected, ZeroTests.Seen(output));

    [Theory]
    [InlineData("running 0 tests\nrunning 3 tests\ntest result: ok. 3 passed\n")]
    [InlineData("?   \texample.com/calc/cmd\t[no test files]\nok  \texample.com/calc\t0.01s\n")]
    [InlineData("# tests 4\n# pass 4\n")]
    [InlineData("100% tests passed, 0 tests failed out of 3\n")]
    [InlineData("make[1]: Nothing to be done for 'test'.\n./run_tests\nall 12 passed\n")]
    [InlineData("make: Nothing to be done for 'all'.\n")]
    [InlineData("honk-gradle: :api:test ran 0 tests\nhonk-gradle: :app:test ran 4 tests\n")]
    [InlineData("")]
    public void Seen_IsNull_WhenTestsRan(string output) => Assert.Null(ZeroTests.Seen(output));

    [Fact]
    public async Task APassingTestStepThatRanNothing_IsNoTestsRan_OnlyWhereTheRepositoryHasTests()
    {
        using var withTests = new TemporaryDirectory();
        withTests.WriteFile("tests/test_calc.py", "def test_add(): pass\n");
        using var withoutTests = new TemporaryDirectory();
        withoutTests.WriteFile("calc.py", "x = 1\n");

        foreach (var (folder, expected) in new[] { (withTests, ValidationOutcome.Failed), (withoutTests, ValidationOutcome.Passed) })
        {
            var runner = new RecordingCommandRunner().Enqueue(new CommandResult(0, "\nno tests ran in 0.01s\n", TimeSpan.Zero));
            var validator = new TestStepValidator();

            var result = await validator.ValidateAsync(new FolderWorkspace(folder.Path).Context(runner), TestContext.Current.CancellationToken);

            Assert.Equal(expected, result.Outcome);
            if (expected == ValidationOutcome.Failed)
            {
                Assert.Equal(ValidationFailureKind.NoTestsRan, result.FailureKind);
                Assert.Contains("no tests ran: `pytest -q` ran no test (\"no tests ran in 0.01s\"), yet the repository has test files such as tests/test_calc.py", result.Summary, StringComparison.Ordinal);
            }
        }
    }

    private sealed class TestStepValidator : CommandValidator
    {
        public TestStepValidator()
            : base(new ValidatorOptions())
        {
        }

        public override string Name => "unit";

        protected override bool AppliesToCore(RepositoryFacts facts) => true;

        protected override ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
            => ValueTask.FromResult(ValidationPlan.Run(new ValidationStep("test", new CommandRequest("pytest", ["-q"]), new PytestOutputParser()) { RunsTests = true }));
    }
}
