using Honk.Testing;
using Honk.Validators.Tests.Parsers;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Node;

/// <summary>
/// The Node validator re-runs failing tests once, by their files, to tell flaky ones apart (changesets/changesets: git
/// tests that timed out differently in each run under load blocked a change to CODEOWNERS).
/// </summary>
public sealed class NodeTestRerunTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-node-rerun");

    public NodeTestRerunTests()
    {
        _directory.WriteFile("package.json", """{ "name": "calc", "version": "1.0.0", "scripts": { "test": "vitest run" } }""");
        _directory.WriteFile("test/calc.test.js", "// adds two small numbers, passes, makes a point, prints the long banner\n");
    }

    public static TheoryData<string, string> PassingReruns => new()
    {
        { "vitest.txt", " RUN  v4.1.12 /home/dev/calc\n\n ✓ test/calc.test.js (4 tests) 12ms\n\n Test Files  1 passed (1)\n      Tests  4 passed (4)\n" },
        { "jest.txt", "PASS test/calc.test.js\n  calc\n    ✓ adds two small numbers (3 ms)\n\nTest Suites: 1 passed, 1 total\nTests:       4 passed, 4 total\n" },
        { "mocha.txt", "\n  calc\n    ✔ adds two small numbers\n    ✔ passes\n    ✔ prints the long banner\n    shapes\n      ✔ makes a point\n\n\n  4 passing (9ms)\n" },
    };

    [Theory]
    [MemberData(nameof(PassingReruns))]
    public async Task ValidateAsync_FailuresThatPassOnTheRerunOfTheirFile_AreFlakyAndDoNotBlock(string recording, string rerun)
    {
        var runner = new RecordingCommandRunner()
            .Enqueue(new CommandResult(1, NodeRecordedOutput.Read(recording, _directory.Path), TimeSpan.Zero))
            .Enqueue(new CommandResult(0, rerun, TimeSpan.Zero));

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        Assert.Contains("flaky (failed, then passed on re-run): ", result.Summary, StringComparison.Ordinal);
        Assert.Equal(2, runner.Requests.Count);
        Assert.Equal([.. runner.Requests[0].Arguments, "--", "test/calc.test.js"], runner.Requests[1].Arguments);
    }

    [Fact]
    public async Task ValidateAsync_AFailureThatFailsAgain_StillBlocks_TheOthersAreFlaky()
    {
        var failing = NodeRecordedOutput.Read("jest.txt", _directory.Path);
        var again = "FAIL test/calc.test.js\n  calc\n    ✕ adds two small numbers (84 ms)\n    ✓ passes (2 ms)\n    ✓ prints the long banner (1 ms)\n    shapes\n      ✓ makes a point (1 ms)\n\n"
            + "  ● calc › adds two small numbers\n\n    expect(received).toBe(expected) // Object.is equality\n\n    Expected: 4\n    Received: 5\n\n      at Object.toBe (test/calc.test.js:3:60)\n\n"
            + "Test Suites: 1 failed, 1 total\nTests:       1 failed, 3 passed, 4 total\n";
        var runner = new RecordingCommandRunner()
            .Enqueue(new CommandResult(1, failing, TimeSpan.Zero))
            .Enqueue(new CommandResult(1, again, TimeSpan.Zero));

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(["calc › adds two small numbers"], result.Findings.Select(f => f.TestName));
        Assert.Contains("flaky (failed, then passed on re-run): calc › shapes › makes a point, calc › prints the long banner", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ARerunThatRanNoTest_VouchesForNothing()
    {
        // A script that does not honour the file argument the way Honk assumed, and ran nothing: the failures stand.
        var runner = new RecordingCommandRunner()
            .Enqueue(new CommandResult(1, NodeRecordedOutput.Read("vitest.txt", _directory.Path), TimeSpan.Zero))
            .Enqueue(new CommandResult(0, NodeRecordedOutput.Read("vitest-none.txt", _directory.Path), TimeSpan.Zero));

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(3, result.Findings.Count);
        Assert.DoesNotContain("flaky", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_NodeTestWorkspace_AFlakyTestInAnUntouchedPackage_PassesAndAFlakyTestInTheChangedPackage_Blocks()
    {
        await SandboxRunners.RequireBubblewrapAsync();

        // changesets' shape: a workspace whose root test script runs every package's tests; a git package's test fails
        // the first time only (it leaves a mark), as a timing-dependent test does on a loaded machine.
        _directory.WriteFile("package.json", """{ "name": "root", "private": true, "workspaces": ["packages/*"], "scripts": { "test": "node --test" } }""");
        File.Delete(Path.Combine(_directory.Path, "test/calc.test.js"));
        _directory.WriteFile("packages/git/package.json", """{ "name": "git", "version": "1.0.0" }""");
        _directory.WriteFile("packages/git/index.js", "exports.commit = () => 'ok';\n");
        _directory.WriteFile("packages/git/test/git.test.js", """
            const test = require('node:test');
            const assert = require('node:assert');
            const fs = require('node:fs');
            const path = require('node:path');
            test('commits in time', () => {
              const mark = path.join(__dirname, '.ran-once');
              const first = !fs.existsSync(mark);
              fs.writeFileSync(mark, '');
              assert.ok(!first, 'Test timed out in 5000ms');
            });
            test('reads the log', () => { assert.ok(true); });
            """);
        _directory.WriteFile(".github/CODEOWNERS", "* @someone\n");

        var outside = new FolderWorkspace(_directory.Path);
        outside.Changed.Add(".github/CODEOWNERS");
        var tolerated = await new NodeValidator().ValidateAsync(outside.Context(SandboxRunners.For(_directory.Path)), TestContext.Current.CancellationToken);

        Assert.True(tolerated.Passed, tolerated.Summary);
        Assert.Contains("flaky (failed, then passed on re-run): commits in time", tolerated.Summary, StringComparison.Ordinal);

        File.Delete(Path.Combine(_directory.Path, "packages/git/test/.ran-once"));
        var inside = new FolderWorkspace(_directory.Path);
        inside.Changed.Add("packages/git/index.js");
        var blocked = await new NodeValidator().ValidateAsync(inside.Context(SandboxRunners.For(_directory.Path)), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, blocked.Outcome);
        Assert.Equal(["commits in time"], blocked.Findings.Select(f => f.TestName));
        Assert.Contains("yet yours to fix: commits in time (the change touches its project (packages/git))", blocked.Summary, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
