namespace Honk.Cli.Demo;

/// <summary>The demo's repository: a tiny real JavaScript library with a real bug and a real failing test.</summary>
internal static class DemoRepository
{
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["package.json"] = """
            {
              "name": "stats-demo",
              "version": "1.0.0",
              "type": "module",
              "scripts": { "test": "node --test" }
            }

            """,
        ["README.md"] = "# stats-demo\n\nSmall statistics helpers. Run the tests with `npm test`.\n",
        ["AGENTS.md"] = "# Notes for agents\n\n- Keep functions pure and dependency-free.\n- Run `npm test` (node's built-in test runner) before finishing.\n",
        ["src/stats.js"] = """
            // Small statistics helpers.

            export function sum(values) {
              let total = 0;
              for (let i = 1; i < values.length; i++) {
                total += values[i];
              }
              return total;
            }

            export function mean(values) {
              if (values.length === 0) {
                throw new RangeError('mean() of an empty list');
              }
              return sum(values) / values.length;
            }

            """,
        ["test/stats.test.js"] = """
            import test from 'node:test';
            import assert from 'node:assert/strict';
            import { sum, mean } from '../src/stats.js';

            test('sum adds every value', () => {
              assert.equal(sum([3, 4, 1]), 8);
            });

            test('sum of nothing is zero', () => {
              assert.equal(sum([]), 0);
            });

            test('mean divides the sum by the count', () => {
              assert.equal(mean([2, 4, 6]), 4);
            });

            """,
    };

    public const string Task = "sum() must add every value of the list, so that sum([3, 4, 1]) is 8 and mean() is right; the existing tests in test/stats.test.js must pass.";
}
