using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Node;

/// <summary>
/// Which commands the npm validator runs for a repository's layout (fixtures written here after layouts seen in real
/// repositories: no lockfile, workspaces with and without a fanning-out root, lint and audit hooks, pnpm).
/// </summary>
public sealed class NodeDiscoveryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-node-discovery");

    [Fact]
    public async Task Plan_NoLockfile_InstallsLikeCiWithoutWritingALockfile()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "ava" }, "devDependencies": { "ava": "^6.0.0" } }""");

        var commands = await CommandsAsync(allowNetwork: true);

        Assert.Equal(["npm install --no-audit --no-fund --no-package-lock --ignore-scripts", "npm run test --silent"], commands);
    }

    [Fact]
    public async Task Plan_Lockfile_InstallsWithNpmCi()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "jest" }, "devDependencies": { "jest": "^29.0.0" } }""");
        _directory.WriteFile("package-lock.json", "{}");

        var commands = await CommandsAsync(allowNetwork: true);

        Assert.Equal("npm ci --no-audit --no-fund --ignore-scripts", commands[0]);
    }

    [Fact]
    public async Task Plan_HalfWrittenNodeModules_InstallsAgain()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }""");
        _directory.WriteFile("node_modules/mocha/package.json", "{}");

        var commands = await CommandsAsync(allowNetwork: true);

        Assert.Equal("npm install --no-audit --no-fund --no-package-lock --ignore-scripts", commands[0]);
    }

    [Fact]
    public async Task Plan_HalfWrittenNodeModulesWithoutNetwork_FailsSayingWhy()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }""");
        _directory.WriteFile("node_modules/mocha/package.json", "{}");
        var runner = new RecordingCommandRunner();

        var result = await ValidateAsync(runner, allowNetwork: false);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("no mark of a finished install", result.Summary, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Validate_InstallSucceeded_StampSkipsNextInstallUntilManifestChanges()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }""");
        var runner = new RecordingCommandRunner(request =>
        {
            if (request.Arguments[0] == "install")
            {
                Directory.CreateDirectory(Path.Combine(_directory.Path, "node_modules", "mocha"));
            }

            return new CommandResult(0, "  1 passing (2ms)\n", TimeSpan.FromSeconds(1));
        });

        await ValidateAsync(runner, allowNetwork: true);
        await ValidateAsync(runner, allowNetwork: true);
        _directory.WriteFile("package.json", """{ "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^11.0.0" } }""");
        await ValidateAsync(runner, allowNetwork: true);

        Assert.Equal(2, runner.Requests.Count(r => r.Arguments[0] == "install"));
        Assert.True(File.Exists(Path.Combine(_directory.Path, "node_modules", NodeInstallState.StampFile)));
    }

    [Fact]
    public async Task Validate_InstallFailed_NoStamp()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }""");
        var runner = new RecordingCommandRunner(request =>
        {
            Directory.CreateDirectory(Path.Combine(_directory.Path, "node_modules", "mocha"));
            return new CommandResult(request.Arguments[0] == "install" ? 1 : 0, "npm error network ECONNRESET\n", TimeSpan.FromSeconds(1));
        });

        var result = await ValidateAsync(runner, allowNetwork: true);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.False(File.Exists(Path.Combine(_directory.Path, "node_modules", NodeInstallState.StampFile)));
    }

    [Fact]
    public async Task Plan_WorkspaceRootFansOut_RunsRootTestOnceForAChangedMember()
    {
        _directory.WriteFile("package.json", """{ "private": true, "workspaces": ["packages/*"], "scripts": { "test": "npm run test --workspaces --if-present" } }""");
        _directory.WriteFile("packages/a/package.json", """{ "name": "a", "scripts": { "test": "node --test" } }""");
        _directory.WriteFile("packages/b/package.json", """{ "name": "b", "scripts": { "test": "node --test" } }""");

        var commands = await CommandsAsync(changed: ["packages/a/index.js"]);

        Assert.Equal(["npm run test --silent"], commands);
    }

    [Fact]
    public async Task Plan_WorkspaceRootWithoutTest_RunsEachMembersTestInstalledAtTheRoot()
    {
        _directory.WriteFile("package.json", """{ "private": true, "workspaces": { "packages": ["packages/*", "!packages/docs"] }, "devDependencies": { "tape": "^5.0.0" } }""");
        _directory.WriteFile("package-lock.json", "{}");
        _directory.WriteFile("packages/a/package.json", """{ "name": "a", "scripts": { "test": "tape test/*.js" } }""");
        _directory.WriteFile("packages/b/package.json", """{ "name": "b", "scripts": { "test": "tape test/*.js" } }""");
        _directory.WriteFile("packages/docs/package.json", """{ "name": "docs", "scripts": { "test": "exit 1" } }""");
        var runner = new RecordingCommandRunner();

        await ValidateAsync(runner, allowNetwork: true);

        Assert.Equal(["npm ci --no-audit --no-fund --ignore-scripts@", "npm run test --silent@packages/a", "npm run test --silent@packages/b"],
            runner.Requests.Select(r => $"{Line(r)}@{r.WorkingDirectory}"));
    }

    [Fact]
    public async Task Plan_WorkspaceMemberWithoutOwnTest_RunsTheRootTest()
    {
        // A layout like remark's: the members have no test script; the root's test.js covers them.
        _directory.WriteFile("package.json", """{ "private": true, "workspaces": ["packages/remark-parse/", "packages/remark/"], "scripts": { "test": "node --test test.js" } }""");
        _directory.WriteFile("packages/remark-parse/package.json", """{ "name": "remark-parse" }""");
        _directory.WriteFile("packages/remark/package.json", """{ "name": "remark" }""");

        var commands = await CommandsAsync(changed: ["packages/remark-parse/lib/index.js"]);

        Assert.Equal(["npm run test --silent"], commands);
    }

    [Fact]
    public async Task Plan_PnpmWorkspaceYaml_MembersAndPackageManagerField()
    {
        _directory.WriteFile("package.json", """{ "private": true, "packageManager": "pnpm@10.28.0" }""");
        _directory.WriteFile("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n# tools are not members\n");
        _directory.WriteFile("packages/core/package.json", """{ "name": "core", "scripts": { "test": "vitest run" } }""");

        var commands = await CommandsAsync();

        Assert.Equal(["pnpm --silent run test"], commands);
    }

    [Fact]
    public async Task Plan_AuditHook_RunsLintHookAloneAndSkipsTheAudit()
    {
        // A layout like minimist's: pretest lints, posttest audits through the network.
        _directory.WriteFile("package.json", """
            { "scripts": { "lint": "eslint .", "pretest": "npm run lint", "tests-only": "tape 'test/**/*.js'", "test": "npm run tests-only",
              "posttest": "npx npm@'>= 10.2' audit --production" } }
            """);

        var commands = await CommandsAsync();

        Assert.Equal(["npm run pretest --silent", "npm run test --silent --ignore-scripts", "npm run lint --silent"], commands);
    }

    [Fact]
    public async Task Plan_HonkJsonScriptsAndSkips_RunsExactlyThose()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "build": "tsc", "test": "xo && ava", "tests-only": "ava", "lint": "xo", "pretests-only": "node gen.js" } }""");
        _directory.WriteFile("honk.json", """{ "validators": { "npm": { "scripts": ["build", "tests-only", "lint"], "skipScripts": ["lint"], "skipHooks": true } } }""");

        var commands = await CommandsAsync();

        Assert.Equal(["npm run build --silent --ignore-scripts", "npm run tests-only --silent --ignore-scripts"], commands);
    }

    [Fact]
    public async Task Plan_HonkJsonUnknownNpmKey_FailsNamingIt()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "ava" } }""");
        _directory.WriteFile("honk.json", """{ "validators": { "npm": { "script": ["test"] } } }""");

        var result = await ValidateAsync(new RecordingCommandRunner(), allowNetwork: false);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains("script", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TestScriptRanZeroTestsWhereTestsExist_NoTestsRan()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "node --test src" } }""");
        _directory.WriteFile("test/calc.test.js", "require('node:test')('adds', () => {});\n");
        var runner = new RecordingCommandRunner(_ => new CommandResult(0, "TAP version 13\n1..0\n# tests 0\n# suites 0\n# pass 0\n# fail 0\n", TimeSpan.FromSeconds(1)));

        var result = await ValidateAsync(runner, allowNetwork: false);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(ValidationFailureKind.NoTestsRan, result.FailureKind);
        Assert.Contains("test/calc.test.js", result.Summary, StringComparison.Ordinal);
        Assert.Contains("reported 0 tests", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ZeroTestsWhereNoTestFilesExist_Passes()
    {
        _directory.WriteFile("package.json", """{ "scripts": { "test": "node --test" } }""");
        _directory.WriteFile("index.js", "module.exports = 1;\n");
        var runner = new RecordingCommandRunner(_ => new CommandResult(0, "TAP version 13\n1..0\n# tests 0\n# pass 0\n", TimeSpan.FromSeconds(1)));

        var result = await ValidateAsync(runner, allowNetwork: false);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
    }

    public void Dispose() => _directory.Dispose();

    private static string Line(CommandRequest request) => string.Join(' ', [request.FileName, .. request.Arguments]);

    private async Task<IReadOnlyList<string>> CommandsAsync(bool allowNetwork = false, IEnumerable<string>? changed = null)
    {
        var runner = new RecordingCommandRunner();
        await ValidateAsync(runner, allowNetwork, changed);
        return [.. runner.Requests.Select(Line)];
    }

    private async Task<ValidationResult> ValidateAsync(RecordingCommandRunner runner, bool allowNetwork, IEnumerable<string>? changed = null)
    {
        var workspace = new FolderWorkspace(_directory.Path);
        workspace.Changed.AddRange(changed ?? []);
        foreach (var file in workspace.Changed)
        {
            _directory.WriteFile(file, "// changed\n");
        }

        var options = new NodeValidatorOptions { AllowNetwork = allowNetwork, RerunFailedTests = false };
        return await new NodeValidator(options).ValidateAsync(workspace.Context(runner), TestContext.Current.CancellationToken);
    }
}
