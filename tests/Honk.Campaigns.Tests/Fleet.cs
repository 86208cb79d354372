using Honk.Testing;

namespace Honk.Campaigns.Tests;

/// <summary>
/// Small generated repositories for end-to-end campaigns, each a node project whose own tests decide the outcome of
/// one scripted migration (<c>version = 1</c> → <c>version = 2</c> in <c>src/client.js</c>).
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    /// <summary>The scripted model every repository gets: edit the client, then stop.</summary>
    public const string Script = """
        { "turns": [
          { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/client.js", "old_text": "version = 1", "new_text": "version = 2" } } ] },
          { "text": "Moved the client to version 2." } ] }
        """;

    private const string PackageJson = "{ \"name\": \"m\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n";

    private readonly List<TemporaryGitRepository> _repositories = [];

    public enum Kind
    {
        /// <summary>Uses the client and accepts version 2: the migration succeeds.</summary>
        Qualifies,

        /// <summary>Has no client: nothing to do, its checks pass untouched (no_changes).</summary>
        NotApplicable,

        /// <summary>Uses the client but a test pins version 1: the migration fails its checks.</summary>
        Breaks,
    }

    public IReadOnlyList<TemporaryGitRepository> Repositories => _repositories;

    public static async Task<Fleet> CreateAsync(IEnumerable<Kind> kinds, CancellationToken cancellationToken)
    {
        var fleet = new Fleet();
        foreach (var kind in kinds)
        {
            var repository = await TemporaryGitRepository.CreateAsync(cancellationToken: cancellationToken);
            fleet._repositories.Add(repository);
            await repository.CommitFilesAsync(Files(kind), $"a {kind} repository", cancellationToken);
        }

        return fleet;
    }

    /// <summary>The branches of a repository (to see what was delivered).</summary>
    public static async Task<IReadOnlyList<string>> BranchesAsync(TemporaryGitRepository repository, CancellationToken cancellationToken)
        => (await repository.RunGitAsync(["branch", "--format=%(refname:short)"], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async ValueTask DisposeAsync()
    {
        foreach (var repository in _repositories)
        {
            await repository.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Files(Kind kind) => kind switch
    {
        Kind.Qualifies => new()
        {
            ["package.json"] = PackageJson,
            ["src/client.js"] = "export const version = 1;\n",
            ["test/client.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { version } from '../src/client.js';\ntest('a supported client', () => assert.ok(version >= 1));\n",
        },
        Kind.NotApplicable => new()
        {
            ["package.json"] = PackageJson,
            ["src/other.js"] = "export const other = 1;\n",
            ["test/other.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { other } from '../src/other.js';\ntest('other', () => assert.equal(other, 1));\n",
        },
        _ => new()
        {
            ["package.json"] = PackageJson,
            ["src/client.js"] = "export const version = 1;\n",
            ["test/client.test.js"] = "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { version } from '../src/client.js';\ntest('pinned client', () => assert.equal(version, 1));\n",
        },
    };
}
