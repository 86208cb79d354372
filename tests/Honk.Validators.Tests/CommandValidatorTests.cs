using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

public sealed class CommandValidatorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-command-validator");

    [Fact]
    public async Task ValidateAsync_NoCommandRunner_FailsClearly()
    {
        var result = await new ScriptValidator().ValidateAsync(Context(null), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("no command runner", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_NetworkAndTimeLimit_BoundedByOptions()
    {
        var runner = new RecordingCommandRunner();
        var validator = new ScriptValidator(new ValidatorOptions { Timeout = TimeSpan.FromSeconds(30) })
        {
            Steps = [Step("restore", new CommandRequest("restore", []) { AllowNetwork = true, Timeout = TimeSpan.FromHours(1) })],
        };
        validator.Options.Environment["A"] = "1";

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        var request = Assert.Single(runner.Requests);
        Assert.False(request.AllowNetwork);
        Assert.True(request.Timeout <= TimeSpan.FromSeconds(30));
        Assert.Equal("1", request.Environment["A"]);
    }

    [Fact]
    public async Task ValidateAsync_NetworkOptIn_PassesNetworkThrough()
    {
        var runner = new RecordingCommandRunner();
        var validator = new ScriptValidator(new ValidatorOptions { AllowNetwork = true })
        {
            Steps = [Step("restore", new CommandRequest("restore", []) { AllowNetwork = true }), Step("build", new CommandRequest("build", []))],
        };

        await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal([true, false], runner.Requests.Select(r => r.AllowNetwork));
    }

    [Fact]
    public async Task ValidateAsync_StepKilledByASignalHonkDidNotSend_IsAnInfrastructureFailure()
    {
        var runner = new RecordingCommandRunner().Enqueue(new CommandResult(137, "Building...\n", TimeSpan.Zero) { KilledBySignal = "SIGKILL", InfrastructureFailure = "The sandbox was killed by SIGKILL, a signal Honk did not send (twice)." });
        var validator = new ScriptValidator { Steps = [Step("build", new CommandRequest("build", []))] };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationFailureKind.Infrastructure, result.FailureKind);
        Assert.StartsWith("script: build broke (infrastructure, not the code)", result.Summary, StringComparison.Ordinal);
        Assert.Contains("killed by SIGKILL, a signal Honk did not send", result.Summary, StringComparison.Ordinal);
        Assert.False(result.OnlyPreExistingFailures);
    }

    [Fact]
    public async Task ValidateAsync_FailingStep_StopsAndReportsRelativeFindings()
    {
        var runner = new RecordingCommandRunner().Enqueue(new CommandResult(1, $"{_directory.Path}/src/a.ts(3,7): error TS2322: Bad type.\n", TimeSpan.Zero));
        var validator = new ScriptValidator
        {
            Steps = [Step("build", new CommandRequest("build", [])), Step("test", new CommandRequest("test", []))],
        };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Single(runner.Requests);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("src/a.ts", finding.File);
        Assert.Equal("script: build failed (1 problem)\nthe tests did not run (test): `build` failed before them\nsrc/a.ts(3,7): error TS2322: Bad type.", result.Summary);
    }

    [Fact]
    public async Task ValidateAsync_UnparsedFailure_ReportsOutputTail()
    {
        var output = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i}"));
        var runner = new RecordingCommandRunner().Enqueue(new CommandResult(2, output, TimeSpan.Zero));
        var validator = new ScriptValidator { Steps = [Step("build", new CommandRequest("make", ["all"]))] };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Contains("`make all` failed with exit code 2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("line 40", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 20\n", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_TimedOut_SaysSo()
    {
        var runner = new RecordingCommandRunner().Enqueue(new CommandResult(-1, "", TimeSpan.FromSeconds(30)) { TimedOut = true });
        var validator = new ScriptValidator { Steps = [Step("test", new CommandRequest("test", []))] };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Contains("stopped by the time limit", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_TestPassesOnRerun_ReportedFlakyNotFailed()
    {
        var output = "not ok 1 - stable\nnot ok 2 - wobbly\n";
        var runner = new RecordingCommandRunner().Enqueue(new CommandResult(1, output, TimeSpan.Zero));
        var validator = new ScriptValidator
        {
            Steps = [Step("test", new CommandRequest("test", [])) is var step ? new ValidationStep(step.Name, step.Request, step.Parser) { RunsTests = true } : null!],
            PassOnRerun = ["wobbly"],
        };

        WriteTestFile("tests/wobbly.test.js", "test('wobbly', () => {});\ntest('stable', () => {});\n");

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(["stable"], result.Findings.Select(f => f.TestName));
        Assert.Equal(["stable", "wobbly"], validator.Rerun);
        Assert.Contains("flaky (failed, then passed on re-run): wobbly", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_FlakyTestInAFileTheChangeTouches_StillBlocks()
    {
        // A flaky test is tolerated by the rule of a failure the base already had: not when it is the session's business.
        WriteTestFile("tests/wobbly.test.js", "test('wobbly', () => {});\n");
        var workspace = new FolderWorkspace(_directory.Path);
        workspace.Changed.Add("tests/wobbly.test.js");

        var result = await FlakyValidator().ValidateAsync(workspace.Context(FlakyRun()), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(["wobbly"], result.Findings.Select(f => f.TestName));
        Assert.Contains("flaky (failed, then passed on re-run), yet yours to fix: wobbly (the change touches tests/wobbly.test.js)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_FlakyTestTheTaskNames_StillBlocks()
    {
        WriteTestFile("tests/wobbly.test.js", "test('wobbly', () => {});\n");
        var workspace = new FolderWorkspace(_directory.Path);
        var context = new ValidationContext("session-1", new CodingTask("Make the wobbly test reliable"), workspace) { CommandRunner = FlakyRun(), Round = 1 };

        var result = await FlakyValidator().ValidateAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("yet yours to fix: wobbly (the task names 'wobbly')", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PreExistingFailures.Auto, false)]
    [InlineData(PreExistingFailures.Strict, false)]
    [InlineData(PreExistingFailures.Tolerant, true)]
    public async Task ValidateAsync_FlakyTest_FollowsTheTasksPreExistingFailuresSetting(PreExistingFailures setting, bool passes)
    {
        // Unplaceable (its name is in no file): the session's business under "auto", as a base failure would be.
        var workspace = new FolderWorkspace(_directory.Path);
        var context = new ValidationContext("session-1", new CodingTask("Tidy up") { PreExistingFailures = setting }, workspace) { CommandRunner = FlakyRun(), Round = 1 };

        var result = await FlakyValidator().ValidateAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(passes, result.Passed);
        Assert.Contains("flaky (failed, then passed on re-run)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_SixFlakyTestsOutsideTheSessionsBusiness_AreRerunAndPass()
    {
        // changesets/changesets under load: several git tests of an untouched package timed out at once.
        string[] names = ["wobbly", "times-out-1", "times-out-2", "times-out-3", "times-out-4", "times-out-5"];
        WriteTestFile("packages/git/git.test.js", string.Concat(names.Select(n => $"test('{n}', () => {{}});\n")));
        WriteTestFile("packages/git/package.json", "{}");
        WriteTestFile(".github/CODEOWNERS", "* @someone\n");
        var workspace = new FolderWorkspace(_directory.Path);
        workspace.Changed.Add(".github/CODEOWNERS");
        var run = new RecordingCommandRunner().Enqueue(new CommandResult(1, string.Concat(names.Select((n, i) => $"not ok {i + 1} - {n}\n")), TimeSpan.Zero));

        var result = await FlakyValidator(names).ValidateAsync(workspace.Context(run), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        Assert.StartsWith("script: flaky (failed, then passed on re-run): wobbly, times-out-1", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_FlakyTestsInTwoSteps_TheRepositoryIsScannedForTheRuleOnce()
    {
        // The rule scans the repository (its files and the session's changed files); a validation scans it once.
        WriteTestFile("tests/wobbly.test.js", "test('wobbly', () => {});\n");
        var workspace = new FolderWorkspace(_directory.Path);
        var run = new RecordingCommandRunner()
            .Enqueue(new CommandResult(1, "not ok 1 - wobbly\n", TimeSpan.Zero))
            .Enqueue(new CommandResult(1, "not ok 1 - wobbly\n", TimeSpan.Zero));
        var validator = new ScriptValidator
        {
            Steps = [.. new[] { "unit", "integration" }.Select(n => new ValidationStep(n, new CommandRequest(n, []), new TapOutputParser()) { RunsTests = true })],
            PassOnRerun = ["wobbly"],
        };

        var result = await validator.ValidateAsync(workspace.Context(run), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        Assert.Equal(["wobbly", "wobbly"], validator.Rerun);

        // Once for the plan, once for the rule: not once more for the second step's flaky test.
        Assert.Equal(2, workspace.ChangedFilesAsked);
    }

    private static RecordingCommandRunner FlakyRun() => new RecordingCommandRunner().Enqueue(new CommandResult(1, "not ok 1 - wobbly\n", TimeSpan.Zero));

    private static ScriptValidator FlakyValidator(params string[] flaky) => new()
    {
        Steps = [new ValidationStep("test", new CommandRequest("test", []), new TapOutputParser()) { RunsTests = true }],
        PassOnRerun = flaky.Length == 0 ? ["wobbly"] : flaky,
    };

    private void WriteTestFile(string relative, string text)
    {
        var path = Path.Combine(_directory.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task ValidateAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var validator = new ScriptValidator { Steps = [Step("test", new CommandRequest("test", []))] };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await validator.ValidateAsync(Context(new RecordingCommandRunner()), cancelled.Token));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ValidateAsync_AStepFailingBeforeTheTests_SaysTheTestsDidNotRun()
    {
        var runner = new RecordingCommandRunner(r => new CommandResult(r.FileName == "restore" ? 1 : 0, "src/a.ts(1,1): error TS2304: Cannot find name 'x'.\n", TimeSpan.Zero));
        var validator = new ScriptValidator
        {
            Steps = [Step("restore", new CommandRequest("restore", [])), Step("test", new CommandRequest("test", [])) is var t ? new ValidationStep(t.Name, t.Request, t.Parser) { RunsTests = true } : null!],
        };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Single(runner.Requests);
        Assert.Contains("\nthe tests did not run (test): `restore` failed before them", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("did not run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_AStepFailingBeforeTheBuild_InAPlanWithoutATestStep_SaysTheBuildDidNotRun()
    {
        // adamralph/bullseye: restore failed for every project, so no test project was recognised and the plan had no
        // test step; the tolerated restore failure then passed the gate with nothing built or tested.
        var runner = new RecordingCommandRunner(r => new CommandResult(r.FileName == "restore" ? 1 : 0, "App.csproj : error NU1101: Unable to find package X.\n", TimeSpan.Zero));
        var validator = new ScriptValidator { Steps = [Step("restore", new CommandRequest("restore", [])), Step("build", new CommandRequest("build", []))] };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Contains("\nthe tests did not run (build): `restore` failed before them", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ChecksThatWriteIntoTheTrackedTree_LeaveItAsTheyFoundIt()
    {
        // A Makefile that regenerates a committed README and builds test programs beside their sources (not ignored).
        _directory.WriteFile(".gitignore", "build/\n");
        _directory.WriteFile("README.md", "# calc\n");
        _directory.WriteFile("src/calc.c", "int add(int a, int b) { return a - b; }\n");
        _directory.WriteFile("test/tests.c", "int main(void) { return 0; }\n");
        await ProcessRunner.RunAsync(_directory.Path, "git", "init", "-q");
        await ProcessRunner.RunAsync(_directory.Path, "git", "add", "-A");
        await ProcessRunner.RunAsync(_directory.Path, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        _directory.WriteFile("src/calc.c", "int add(int a, int b) { return a + b; }\n");
        _directory.WriteFile("NOTES.md", "the session's new file\n");
        var runner = new RecordingCommandRunner(_ =>
        {
            File.WriteAllText(_directory.Combine("README.md"), "");
            File.WriteAllText(_directory.Combine("src/calc.c"), "/* reformatted by the build */\n");
            File.WriteAllText(_directory.Combine("test/test_default"), "binary");
            Directory.CreateDirectory(_directory.Combine("build"));
            File.WriteAllText(_directory.Combine("build/calc.o"), "object");
            File.Delete(_directory.Combine("NOTES.md"));
            return new CommandResult(2, "make: *** [Makefile:6: README.md] Error 1\n", TimeSpan.Zero);
        });
        var validator = new ScriptValidator { Steps = [Step("build", new CommandRequest("make", []))] };

        var result = await validator.ValidateAsync(Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal("# calc\n", File.ReadAllText(_directory.Combine("README.md")));
        Assert.Equal("int add(int a, int b) { return a + b; }\n", File.ReadAllText(_directory.Combine("src/calc.c")));
        Assert.Equal("the session's new file\n", File.ReadAllText(_directory.Combine("NOTES.md")));
        Assert.False(File.Exists(_directory.Combine("test/test_default")));
        Assert.True(File.Exists(_directory.Combine("build/calc.o")), "ignored build output is the repository's to keep");
    }

    private static ValidationStep Step(string name, CommandRequest request) => new(name, request, new CompositeOutputParser(new TscOutputParser(), new TapOutputParser()));

    private ValidationContext Context(ICommandRunner? runner) => new FolderWorkspace(_directory.Path).Context(runner);

    private sealed class ScriptValidator(ValidatorOptions? options = null) : CommandValidator(options ?? new ValidatorOptions())
    {
        public override string Name => "script";

        public IReadOnlyList<ValidationStep> Steps { get; init; } = [];

        public IReadOnlyList<string> PassOnRerun { get; init; } = [];

        public List<string> Rerun { get; } = [];

        protected override bool AppliesToCore(RepositoryFacts facts) => true;

        protected override ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
            => ValueTask.FromResult(ValidationPlan.Run(Steps));

        protected override ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
            ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run, ValidationContext context, CancellationToken cancellationToken)
        {
            Rerun.AddRange(failures.Select(f => f.TestName!));
            return ValueTask.FromResult<IReadOnlyCollection<string>>([.. PassOnRerun]);
        }
    }
}
