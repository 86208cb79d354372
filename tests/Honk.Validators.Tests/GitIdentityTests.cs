using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

/// <summary>
/// Tests that commit in throw-away repositories, as changesets/changesets' git and release tests do: its CI sets a
/// global git identity, the sandbox's home has none, so before every such commit failed ("Author identity unknown")
/// on the base and in the session alike.
/// </summary>
public sealed class GitIdentityTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-validators-git-identity");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ATestThatCommitsInAThrowAwayRepository_Passes_AndItsOwnIdentityWins()
    {
        await SandboxRunners.RequireBubblewrapAsync();
        _directory.WriteFile("package.json", """{ "name": "commits", "version": "1.0.0", "scripts": { "test": "node --test" } }""");
        _directory.WriteFile("test/commit.test.js", """
            const test = require('node:test');
            const assert = require('node:assert');
            const { execFileSync } = require('node:child_process');
            const fs = require('node:fs');
            const os = require('node:os');
            const path = require('node:path');

            const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

            test('commits in a throw-away repository', () => {
              const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-'));
              git(dir, 'init', '-q');
              git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
              assert.strictEqual(git(dir, 'log', '-1', '--format=%s'), 'first');
            });

            test('an identity the test configures wins', () => {
              const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-'));
              git(dir, 'init', '-q');
              git(dir, 'config', 'user.name', 'xyz');
              git(dir, 'config', 'user.email', 'x@y.z');
              git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
              assert.strictEqual(git(dir, 'log', '-1', '--format=%an <%ae>'), 'xyz <x@y.z>');
            });
            """);

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(_directory.Path).Context(SandboxRunners.For(_directory.Path)), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Summary);
        Assert.Equal("npm: test: 2 tests passed", result.Summary);
    }
}
