namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// The Node families: the same two packages (each its own <c>package.json</c> running <c>node --test</c>) under npm,
/// pnpm and yarn 1. pnpm and yarn are chosen by the <c>packageManager</c> field, as corepack-era repositories declare
/// them, so the validator must run the repository's own package manager, not npm, for each row.
/// </summary>
public sealed partial record ToolchainFamily
{
    // Expression-bodied: the family list is built from them, and static initialisers of partial files run in no set order.
    private static ToolchainFamily Npm => new(
        "npm",
        ["node", "npm"],
        new()
        {
            ["calc/package.json"] = """{ "name": "calc", "version": "1.0.0", "private": true, "scripts": { "test": "node --test" } }""" + "\n",
            ["calc/index.js"] = "exports.add = (a, b) => a - b;\n",
            ["calc/test/add.test.js"] = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { add } = require('../index.js');\ntest('adds two small numbers', () => { assert.strictEqual(add(2, 3), 5); });\n",
        },
        new()
        {
            ["strings/package.json"] = """{ "name": "strings", "version": "1.0.0", "private": true, "scripts": { "test": "node --test" } }""" + "\n",
            ["strings/index.js"] = "exports.shout = (s) => s;\n",
            ["strings/test/shout.test.js"] = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { shout } = require('../index.js');\ntest('shouts in capitals', () => { assert.strictEqual(shout('hi'), 'HI'); });\n",
        },
        "calc/index.js",
        "exports.add = (a, b) => a - b;",
        "exports.add = (a, b) => a + b;",
        "// adds two numbers",
        ("strings/index.js", "(s) => s;", "(s) => s.toUpperCase();"),
        "adds two small numbers",
        "shouts in capitals",
        new()
        {
            ["package.json"] = """{ "name": "calc", "version": "1.0.0", "private": true, "scripts": { "test": "node --test src/" } }""" + "\n",
            ["src/index.js"] = "exports.add = (a, b) => a + b;\n",
            ["test/add.test.js"] = "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => { assert.strictEqual(require('../src/index.js').add(2, 3), 5); });\n",
        });

    private static ToolchainFamily Pnpm => Npm.ManagedBy("pnpm", "pnpm@9.15.9");

    private static ToolchainFamily Yarn => Npm.ManagedBy("yarn", "yarn@1.22.22");

    /// <summary>The npm family with every <c>package.json</c> declaring <paramref name="packageManager"/>.</summary>
    private ToolchainFamily ManagedBy(string manager, string packageManager)
    {
        Dictionary<string, string> Declare(Dictionary<string, string> files) => files.ToDictionary(
            f => f.Key,
            f => f.Key.EndsWith("package.json", StringComparison.Ordinal)
                ? f.Value.Replace("\"private\": true,", $"\"private\": true, \"packageManager\": \"{packageManager}\",", StringComparison.Ordinal)
                : f.Value);

        return this with
        {
            Name = manager,
            Tools = ["node", manager],
            Calc = Declare(Calc),
            Strings = Declare(Strings),
            NoTests = NoTests is null ? null : Declare(NoTests),
        };
    }
}
