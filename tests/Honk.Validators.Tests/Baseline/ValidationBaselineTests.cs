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
        var context = new ValidationContext("session-1", new CodingTask("test") { PreExistingFailures = PreExistingFailures.Tolerant }, new FolderWorkspace("/nonexistent")) { Round = 1 };

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

    [Fact]
    public void MarkPreExisting_ComparesMessages_WithBothWorktreesRootsTakenOut()
    {
        var onBase = new ValidationFinding("/w/s1-base/src/a.c:3: expected 4 at /w/s1-base/src/a.c") { TestName = "t_add" };
        var onSession = new ValidationFinding("/w/s1/src/a.c:3: expected 4 at /w/s1/src/a.c") { TestName = "t_add" };
        var diagBase = new ValidationFinding("cannot open /w/s1-base/data/x.txt") { File = "/w/s1-base/src/b.c", Code = "E1" };
        var diagSession = new ValidationFinding("cannot open /w/s1/data/x.txt") { File = "src/b.c", Code = "E1" };
        var comparison = new BaselineComparison { SessionRoot = "/w/s1", BaseRoot = "/w/s1-base" };

        var marked = ValidationBaseline.MarkPreExisting(
            ValidationResult.Failure("ctest: test failed", [onSession, diagSession]), ValidationResult.Failure("ctest: test failed", [onBase, diagBase]), comparison);

        Assert.True(marked.OnlyPreExistingFailures);
        Assert.False(ValidationBaseline.MarkPreExisting(ValidationResult.Failure("ctest: test failed", [onSession]), ValidationResult.Failure("ctest: test failed", [onBase])).OnlyPreExistingFailures);
    }

    [Fact]
    public void MarkPreExisting_MessagesNamingEachWorktreesGitDirectory_AreTheSameFailure()
    {
        using var folder = new TempFolder();
        var session = folder.Worktree("s1", "/m/repo.git/worktrees/s1-a1b2");
        var onBaseRoot = folder.Worktree("s1-base", "/m/repo.git/worktrees/s1-base-c3d4");
        var onBase = new ValidationFinding("Command failed: git tag --points-at HEAD\nfatal: not a git repository: /m/repo.git/worktrees/s1-base-c3d4") { TestName = "tags" };
        var onSession = new ValidationFinding("Command failed: git tag --points-at HEAD\nfatal: not a git repository: /m/repo.git/worktrees/s1-a1b2") { TestName = "tags" };

        var marked = ValidationBaseline.MarkPreExisting(
            ValidationResult.Failure("vitest: 1 failed", [onSession]), ValidationResult.Failure("vitest: 1 failed", [onBase]), new BaselineComparison { SessionRoot = session, BaseRoot = onBaseRoot });

        Assert.True(marked.OnlyPreExistingFailures, marked.Summary);
        Assert.False(ValidationBaseline.MarkPreExisting(ValidationResult.Failure("vitest: 1 failed", [onSession]), ValidationResult.Failure("vitest: 1 failed", [onBase])).OnlyPreExistingFailures);
    }

    [Fact]
    public async Task BaselineValidator_TheBaseCheckoutRemovedAfterItsRun_StillMatchesMessagesNamingItsGitDirectory()
    {
        // The host removes the base's worktree right after the base has run, before the session's failures are compared
        // with it: unjs/changelogen's tests that run git named each worktree's git directory and never matched the base.
        using var folder = new TempFolder();
        var session = folder.Worktree("s1", "/m/repo.git/worktrees/s1-a1b2");
        var onBaseRoot = folder.Worktree("s1-base", "/m/repo.git/worktrees/s1-base-c3d4");
        var onBase = new ValidationFinding("Command failed: git tag --points-at HEAD\nfatal: not a git repository: /m/repo.git/worktrees/s1-base-c3d4") { TestName = "tags" };
        var onSession = new ValidationFinding("Command failed: git tag --points-at HEAD\nfatal: not a git repository: /m/repo.git/worktrees/s1-a1b2") { TestName = "tags" };
        var validator = new BaselineValidator(new FakeValidator("npm", ValidationResult.Failure("vitest: 1 failed", [onSession])), async cancellationToken =>
        {
            var baseContext = new ValidationContext("s1", new CodingTask("x"), new FolderWorkspace(onBaseRoot));
            var baseline = await ValidationBaseline.CaptureAsync([new FakeValidator("npm", ValidationResult.Failure("vitest: 1 failed", [onBase]))], baseContext, cancellationToken);
            Directory.Delete(onBaseRoot, recursive: true);
            return baseline;
        });
        var context = new ValidationContext("s1", new CodingTask("x") { PreExistingFailures = PreExistingFailures.Tolerant }, new FolderWorkspace(session)) { Round = 1 };

        var result = await validator.ValidateAsync(context, TestContext.Current.CancellationToken);

        Assert.True(result.OnlyPreExistingFailures, result.Summary);
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("honk-gitdir-").FullName;

        /// <summary>A folder whose .git file points at a worktree's git directory, as `git worktree add` writes it.</summary>
        public string Worktree(string name, string gitDirectory)
        {
            var root = Directory.CreateDirectory(Path.Combine(_path, name)).FullName;
            File.WriteAllText(Path.Combine(root, ".git"), $"gitdir: {gitDirectory}\n");
            return root;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }

    [Theory]
    [InlineData(ValidationFailureKind.Infrastructure, ValidationFailureKind.Checks)]
    [InlineData(ValidationFailureKind.Checks, ValidationFailureKind.Infrastructure)]
    [InlineData(ValidationFailureKind.NoTestsRan, ValidationFailureKind.NoTestsRan)]
    public void MarkPreExisting_BrokenRunsAndNoTests_OnEitherSide_AreNeverPreExisting(ValidationFailureKind session, ValidationFailureKind onBase)
    {
        var current = ValidationResult.Failure("dotnet: build broke", [OldTest], session);

        var marked = ValidationBaseline.MarkPreExisting(current, ValidationResult.Failure("dotnet: build broke", [OldTest], onBase), new BaselineComparison());

        Assert.Same(current, marked);
        Assert.False(marked.OnlyPreExistingFailures);
    }

    [Fact]
    public void MarkPreExisting_TheSessionsBusiness_StaysBlocking_AndTheSummarySaysWhy()
    {
        var baseline = ValidationResult.Failure("npm: test failed", [OldTest, OldWarning]);
        var current = ValidationResult.Failure("npm: test failed (2 problems)", [OldTest, OldWarning]);
        var comparison = new BaselineComparison { BusinessReason = f => f.TestName == "T.Old" ? "the task names 'T.Old'" : null };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        Assert.False(marked.OnlyPreExistingFailures);
        Assert.Equal([false, true], marked.Findings.Select(f => f.PreExisting));
        Assert.Contains("also failing on the base, but yours to fix (the task names 'T.Old'): T.Old", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineValidator_AFailureItCannotPlace_Blocks_UnlessTheTaskIsTolerant()
    {
        using var folder = new TemporaryDirectory();
        var inner = new FakeValidator("npm", ValidationResult.Failure("npm: test failed", [OldTest]));
        var validator = new BaselineValidator(inner, _ => Task.FromResult(new ValidationBaseline([new ValidatorReport("npm", ValidationResult.Failure("npm: test failed", [OldTest]))])));
        var workspace = new FolderWorkspace(folder.Path);
        workspace.Changed.Add("index.js");

        var auto = await validator.ValidateAsync(new ValidationContext("s", new CodingTask("x"), workspace) { Round = 1 }, TestContext.Current.CancellationToken);
        var strict = await validator.ValidateAsync(new ValidationContext("s", new CodingTask("x") { PreExistingFailures = PreExistingFailures.Strict }, workspace) { Round = 1 }, TestContext.Current.CancellationToken);

        Assert.False(auto.OnlyPreExistingFailures);
        Assert.Contains("Honk cannot tell which file or project it belongs to", auto.Summary, StringComparison.Ordinal);
        Assert.False(strict.OnlyPreExistingFailures);
    }

    [Fact]
    public void MarkPreExisting_OnlyTheEnvironmentLeft_IsAnEnvironmentFailure_NeitherToleratedNorTheModelsToFix()
    {
        var offline = new ValidationFinding("no matching package named `nothere` found");
        var baseline = ValidationResult.Failure("cargo: build failed", [offline]);
        var current = ValidationResult.Failure("cargo: build failed (1 problem)", [offline]);
        var comparison = new BaselineComparison { BusinessReason = _ => "Honk cannot tell which file or project it belongs to", IsEnvironment = f => f.File is null };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        Assert.Equal(ValidationFailureKind.Environment, marked.FailureKind);
        Assert.False(marked.OnlyPreExistingFailures);
        Assert.False(Assert.Single(marked.Findings).PreExisting);
        Assert.StartsWith("cargo: build failed (environment)", marked.Summary, StringComparison.Ordinal);
        Assert.Contains("the checks cannot run in this environment", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_TheEnvironmentBesideANewFailure_StaysACheckFailure_ThatSaysWhich()
    {
        var offline = new ValidationFinding("no matching package named `nothere` found");
        var broken = new ValidationFinding("error[E0425]: cannot find value `x`") { File = "src/lib.rs", Code = "E0425" };
        var baseline = ValidationResult.Failure("cargo: build failed", [offline]);
        var current = ValidationResult.Failure("cargo: build failed (2 problems)", [offline, broken]);
        var comparison = new BaselineComparison { BusinessReason = _ => "Honk cannot tell which file or project it belongs to", IsEnvironment = f => f.File is null };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        Assert.Equal(ValidationFailureKind.Checks, marked.FailureKind);
        Assert.False(marked.OnlyPreExistingFailures);
        Assert.Contains("no file of the change can cause it (the environment", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_ABaseFailureThatStoppedTheTests_IsNotToleratedAsAPass()
    {
        // A restore error in a project the change does not touch, on the base too: tolerable as a failure, but the
        // tests never ran, so nothing vouches for the change.
        var restore = new ValidationFinding("Unable to find package Some.Tool with version (>= 5.0.1)") { File = "tools/Smoke/Smoke.csproj", Code = "NU1102" };
        var baseline = ValidationResult.Failure("dotnet: restore failed\nthe tests did not run (test): `restore` failed before them", [restore]);
        var current = ValidationResult.Failure("dotnet: restore failed (1 problem)\nNU1102 …\nthe tests did not run (test): `restore` failed before them", [restore]);
        var comparison = new BaselineComparison { BusinessReason = _ => null, IsEnvironment = _ => false };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        Assert.Equal(ValidationFailureKind.Environment, marked.FailureKind);
        Assert.False(marked.OnlyPreExistingFailures);
        Assert.True(Assert.Single(marked.Findings).PreExisting);
        Assert.Contains("stops the checks before the tests", marked.Summary, StringComparison.Ordinal);
        Assert.Contains("the tests did not run (test)", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkPreExisting_TestsThatDidNotRun_BesideANewFailure_StayTheSessions()
    {
        var broken = new ValidationFinding("The name 'x' does not exist") { File = "src/A.cs", Code = "CS0103" };
        var baseline = ValidationResult.Failure("dotnet: build failed\nthe tests did not run (test): `build` failed before them", [OldWarning]);
        var current = ValidationResult.Failure("dotnet: build failed (2 problems)\nthe tests did not run (test): `build` failed before them", [OldWarning, broken]);

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, new BaselineComparison());

        Assert.Equal(ValidationFailureKind.Checks, marked.FailureKind);
        Assert.False(marked.OnlyPreExistingFailures);
    }
}
