using System.Text;
using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Node;

public sealed class NodeValidatorTests : IDisposable
{
    private const string Buggy = "exports.add = (a, b) => a + b + 1;\n";
    private const string Fixed = "exports.add = (a, b) => a + b;\n";
    private readonly TemporaryDirectory _directory = new("honk-validators-node");

    public NodeValidatorTests()
    {
        _directory.WriteFile("package.json", """{ "name": "calc", "version": "1.0.0", "scripts": { "test": "node --test" } }""");
        _directory.WriteFile("test/calc.test.js", """
            const test = require('node:test');
            const assert = require('node:assert');
            const { add } = require('../calc');
            test('adds', () => { assert.strictEqual(add(4, 4), 8); });
            test('passes', () => { assert.ok(true); });
            """);
    }

    [Fact]
    public async Task ValidateAsync_FailingNodeTest_NamesTestAndAssertion()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        _directory.WriteFile("calc.js", Buggy);

        var result = await ValidateAsync();

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        var failure = Assert.Single(result.Findings);
        Assert.Equal("adds", failure.TestName);
        Assert.Equal("test/calc.test.js", failure.File);
        Assert.Equal(4, failure.Line);
        Assert.Contains("9 !== 8", failure.Message, StringComparison.Ordinal);
        Assert.Contains("expected: 8", result.Summary, StringComparison.Ordinal);
        Assert.Contains("actual: 9", result.Summary, StringComparison.Ordinal);
        Assert.StartsWith("npm: test failed", result.Summary, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(result.Summary) <= 2048, result.Summary);
    }

    [Fact]
    public async Task ValidateAsync_PassingNodeTests_OneLine()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        _directory.WriteFile("calc.js", Fixed);

        var result = await ValidateAsync();

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Equal("npm: test: 2 tests passed", result.Summary);
    }

    [Fact]
    public async Task ValidateAsync_TestScriptFindsNoTestWhereTestsExist_NoTestsRanNotAPass()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        _directory.WriteFile("calc.js", Fixed);
        _directory.WriteFile("src/index.js", "module.exports = require('../calc');\n");
        _directory.WriteFile("package.json", """{ "name": "calc", "version": "1.0.0", "scripts": { "test": "node --test src/" } }""");

        var result = await ValidateAsync();

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(ValidationFailureKind.NoTestsRan, result.FailureKind);
        Assert.Contains("test/calc.test.js", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_YarnLockAndScripts_RunsBuildTestLintWithYarn()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "build": "tsc", "test": "jest", "lint": "eslint ." } }""");
        _directory.WriteFile("yarn.lock", "");
        var runner = new RecordingCommandRunner();

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        Assert.Equal(["yarn --silent run build", "yarn --silent run test", "yarn --silent run lint"],
            runner.Requests.Select(r => string.Join(' ', [r.FileName, .. r.Arguments])));
        Assert.All(runner.Requests, r => Assert.False(r.AllowNetwork));
        Assert.Equal("yarn: build ok; test ok; lint ok", result.Summary);
    }

    [Theory]
    [InlineData("pnpm@10.1.0", "pnpm-lock.yaml", "pnpm")]
    [InlineData(null, "pnpm-lock.yaml", "pnpm")]
    [InlineData(null, "package-lock.json", "npm")]
    public async Task ValidateAsync_Summary_NamesThePackageManagerThatRan(string? packageManager, string lockfile, string label)
    {
        var field = packageManager is null ? "" : $"\"packageManager\": \"{packageManager}\", ";
        _directory.WriteFile("package.json", "{ " + field + "\"scripts\": { \"test\": \"vitest run\" } }");
        _directory.WriteFile(lockfile, "");
        var runner = new RecordingCommandRunner(r => new CommandResult(r.Arguments.Contains("test") ? 1 : 0, " FAIL  test/add.test.ts > adds\nAssertionError: expected 3 to be 4\n", TimeSpan.Zero));

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Contains(runner.Requests, r => r.FileName == label);
        Assert.StartsWith($"{label}: test failed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_DependenciesMissingWithoutNetwork_FailsClearly()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "jest" }, "devDependencies": { "jest": "^29.0.0" } }""");
        var runner = new RecordingCommandRunner();

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("node_modules", result.Summary, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task ValidateAsync_PlaceholderTestScript_Skips()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "echo \"Error: no test specified\" && exit 1" } }""");

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(new RecordingCommandRunner()), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Skipped, result.Outcome);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ValidateAsync_ThousandsOfPassingTapLines_TheFailuresInTheMiddleAndAtTheEndAreNamed()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        _directory.WriteFile("calc.js", Fixed);
        _directory.WriteFile("package.json", """{ "name": "calc", "version": "1.0.0", "scripts": { "test": "node --test --test-reporter=tap" } }""");

        // 1,200 passing tests (about 6,000 TAP lines, far over the sandbox's 400-line cap), one failing half-way and one last.
        _directory.WriteFile("test/calc.test.js", """
            const test = require('node:test');
            const assert = require('node:assert');
            const { add } = require('../calc');
            for (let i = 0; i < 1200; i++) {
              if (i === 600) {
                test('adds in the middle', () => { assert.strictEqual(add(2, 2), 5); });
              }
              test(`passes ${i}`, () => { assert.ok(true); });
            }
            test('adds at the end', () => { assert.strictEqual(add(3, 3), 7); });
            """);

        var result = await ValidateAsync();

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains(result.Findings, f => f.TestName == "adds in the middle" && f.Message.Contains("4 !== 5", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.TestName == "adds at the end" && f.Message.Contains("6 !== 7", StringComparison.Ordinal));
        Assert.True(Encoding.UTF8.GetByteCount(result.Summary) <= 2048, result.Summary);
    }

    private async Task<ValidationResult> ValidateAsync()
    {
        var workspace = new FolderWorkspace(_directory.Path);
        workspace.Changed.Add("calc.js");
        return await new NodeValidator().ValidateAsync(workspace.Context(SandboxRunners.For(_directory.Path)), TestContext.Current.CancellationToken);
    }
}
