using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Honk.Benchmarks.Harness;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 13, item 7: Honk's own cost per session. A scripted two-turn fix (<c>edit_file</c>, then stop) through the
/// real <c>honk run</c> process on a small npm repository whose test fails, against the same change by hand: a
/// worktree, the edit, the repository's test command, a commit. Run pair by pair (the order alternates) so the
/// machine's load falls on both alike. The ratio is the plain <c>honk run</c>'s, as a user runs it; Honk's time is broken
/// down from its own spans (<c>--otel console</c>) in a third, traced run of each round, because tracing (the
/// OpenTelemetry SDK, the console exporter, the span tree) has a cost of its own that is not a session's.
/// </summary>
internal static partial class SessionCostSuite
{
    private static readonly string[] Parts = ["start-up and exit", "acquire workspace", "turns (model + edit_file)", "checks (sandbox + npm test)", "guards", "delivery (commit + branch)", "session, other"];

    public static async Task RunAsync(int pairs, string? cliPath)
    {
        var cli = cliPath ?? FindCli();
        var scratch = Path.Combine(Machine.TempRoot, "session-cost-suite");
        DeleteFolder(scratch);
        Directory.CreateDirectory(scratch);
        var state = Path.Combine(scratch, "state");
        var environment = new Dictionary<string, string>
        {
            // Honk's state and caches in the scratch folder; a warm mirror after the warm-up run, as for a person who
            // runs Honk on the same repository again.
            ["XDG_STATE_HOME"] = state, ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
        };
        try
        {
            var repository = await CreateRepositoryAsync(Path.Combine(scratch, "calc")).ConfigureAwait(false);
            var script = Path.Combine(scratch, "fix.json");
            await File.WriteAllTextAsync(script, """
                { "turns": [
                  { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "index.js", "old_text": "a - b", "new_text": "a + b" } } ] },
                  { "text": "add returns the sum now." } ] }
                """).ConfigureAwait(false);
            Console.WriteLine($"honk: {cli}");
            Console.WriteLine("repository: generated npm project (package.json, index.js, one node:test file), the test fails before the fix");

            var honk = new List<Dictionary<string, TimeSpan>>();
            var traced = new List<Dictionary<string, TimeSpan>>();
            var byHand = new List<Dictionary<string, TimeSpan>>();
            for (var round = 0; round <= pairs; round++)
            {
                var honkFirst = round % 2 == 0;
                for (var side = 0; side < 2; side++)
                {
                    var measured = (side == 0) == honkFirst
                        ? await RunHonkAsync(cli, repository, script, environment, trace: false).ConfigureAwait(false)
                        : await RunByHandAsync(repository, Path.Combine(scratch, "hand-" + round)).ConfigureAwait(false);
                    if (round > 0)
                    {
                        ((side == 0) == honkFirst ? honk : byHand).Add(measured);
                    }
                }

                var breakdown = await RunHonkAsync(cli, repository, script, environment, trace: true).ConfigureAwait(false);
                if (round > 0)
                {
                    traced.Add(breakdown);
                }
            }

            Print(honk, traced, byHand);
            await PrintJitCountAsync(cli, repository, script, environment, scratch).ConfigureAwait(false);
        }
        finally
        {
            DeleteFolder(scratch);
        }
    }

    private static void Print(List<Dictionary<string, TimeSpan>> honk, List<Dictionary<string, TimeSpan>> traced, List<Dictionary<string, TimeSpan>> byHand)
    {
        var ratios = honk.Zip(byHand, (h, b) => h["total"].TotalMilliseconds / b["total"].TotalMilliseconds).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("| run | median ms (min–max) |");
        Console.WriteLine("| --- | ---: |");
        Row("by hand: worktree + edit + `npm test` + commit", byHand, "total");
        Row("  of which `npm test`", byHand, "npm test");
        Row("`honk run --model script:… --deliver branch`", honk, "total");
        Row("same with `--otel console` (the breakdown's run)", traced, "total");
        foreach (var part in Parts)
        {
            Row("  " + part, traced, part);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"honk ÷ by hand, pair by pair: median {ratios[ratios.Length / 2]:0.00}× (min {ratios[0]:0.00}×, max {ratios[^1]:0.00}×, n={ratios.Length})"));
    }

    private static void Row(string name, List<Dictionary<string, TimeSpan>> runs, string part)
    {
        var sample = new Sample(part, runs.Select(r => r.GetValueOrDefault(part)).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {sample.MedianMs:0} ({sample.MinMs:0}–{sample.MaxMs:0}) |"));
    }

    private static async Task<Dictionary<string, TimeSpan>> RunHonkAsync(string cli, string repository, string script, Dictionary<string, string> environment, bool trace)
    {
        var clock = Stopwatch.StartNew();
        string[] arguments = ["run", "--repo", repository, "--task", "add must return the sum of its arguments", "--model", "script:" + script, "--deliver", "branch", "--json", .. trace ? new[] { "--otel", "console" } : []];
        var result = await Proc.RunAsync(repository, Launcher(cli), Launcher(cli) == "dotnet" ? [cli, .. arguments] : arguments, environment).ConfigureAwait(false);
        var total = clock.Elapsed;
        if (result.ExitCode != 0 || !result.StandardOutput.Contains("\"succeeded\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"honk run did not succeed ({result.ExitCode}): {result.StandardOutput}{result.StandardError}");
        }

        if (!trace)
        {
            return new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { ["total"] = total };
        }

        var spans = Spans(result.StandardError);
        TimeSpan Sum(string prefix) => spans.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (a, s) => a + s.Duration);
        var session = Sum("honk.session");
        var turns = Sum("honk.turn");
        var checks = Sum("honk.validation");
        var guards = Sum("honk.review");
        var delivery = Sum("delivery.");
        var acquire = Sum("workspace.acquire");
        return new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["total"] = total,
            ["start-up and exit"] = total - session - acquire,
            ["acquire workspace"] = acquire,
            ["turns (model + edit_file)"] = turns,
            ["checks (sandbox + npm test)"] = checks,
            ["guards"] = guards,
            ["delivery (commit + branch)"] = delivery,
            ["session, other"] = session - turns - checks - guards - delivery,
        };
    }

    /// <summary>
    /// How many methods one more run compiles at run time (the runtime's perf map, which lists JIT-compiled code only):
    /// what ReadyToRun did not precompile is most of a run's start-up CPU (ADR 0025, 0037). Not timed.
    /// </summary>
    private static async Task PrintJitCountAsync(string cli, string repository, string script, Dictionary<string, string> environment, string scratch)
    {
        var maps = Path.Combine(scratch, "perf-maps");
        Directory.CreateDirectory(maps);
        var mapped = new Dictionary<string, string>(environment)
        {
            ["DOTNET_PerfMapEnabled"] = "3", ["DOTNET_PerfMapShowOptimizationTiers"] = "1", ["DOTNET_PerfMapJitDumpPath"] = maps,
        };
        await RunHonkAsync(cli, repository, script, mapped, trace: false).ConfigureAwait(false);
        var map = Directory.GetFiles(maps, "perf-*.map").OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault();
        if (map is null)
        {
            Console.WriteLine("methods JIT-compiled in one run: unknown (the runtime wrote no perf map)");
            return;
        }

        var tiers = File.ReadLines(map).Select(l => JitTier().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups["tier"].Value).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}");
        Console.WriteLine($"methods JIT-compiled in one run (perf map): {string.Join(", ", tiers)}");
    }

    [GeneratedRegex(@"\[(?<tier>QuickJitted|Optimized|OptimizedTier1|Instrumented[A-Za-z0-9]*|Tier0|Tier1)\]$")]
    private static partial Regex JitTier();

    private static async Task<Dictionary<string, TimeSpan>> RunByHandAsync(string repository, string worktree)
    {
        var branch = "by-hand-" + Path.GetFileName(worktree);
        var clock = Stopwatch.StartNew();
        await Proc.GitAsync(repository, "worktree", "add", "--quiet", "-b", branch, worktree).ConfigureAwait(false);
        var source = Path.Combine(worktree, "index.js");
        await File.WriteAllTextAsync(source, (await File.ReadAllTextAsync(source).ConfigureAwait(false)).Replace("a - b", "a + b", StringComparison.Ordinal)).ConfigureAwait(false);
        var tests = Stopwatch.StartNew();
        var test = await Proc.RunAsync(worktree, "npm", ["test"]).ConfigureAwait(false);
        var testTime = tests.Elapsed;
        await Proc.RunAsync(worktree, "git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgSign=false", "commit", "--quiet", "-am", "Fix add"], check: true).ConfigureAwait(false);
        var total = clock.Elapsed;
        if (test.ExitCode != 0)
        {
            throw new InvalidOperationException("npm test failed by hand: " + test.StandardOutput + test.StandardError);
        }

        await Proc.GitAsync(repository, "worktree", "remove", "--force", worktree).ConfigureAwait(false);
        return new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { ["total"] = total, ["npm test"] = testTime };
    }

    /// <summary>
    /// A <c>Honk.Cli.dll</c> runs with <c>dotnet</c>, as a framework-dependent build does; anything else is the tool's
    /// native launcher (the installed tool's <c>Honk.Cli</c> app host), which a self-contained package needs: its
    /// runtime is in the tool's folder, not the machine's.
    /// </summary>
    private static string Launcher(string cli) => cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet" : cli;

    /// <summary>The spans of <c>--otel console</c>'s tree: <c>● name  123 ms …</c> or <c>└ name  123 ms …</c>.</summary>
    private static List<(string Name, TimeSpan Duration)> Spans(string tree)
        => SpanLine().Matches(tree).Select(m => (m.Groups["name"].Value, TimeSpan.FromMilliseconds(double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture)))).ToList();

    [GeneratedRegex(@"^\s*[●└] (?<name>\S+(?: [^\s]+)?)  (?<ms>\d+) ms", RegexOptions.Multiline)]
    private static partial Regex SpanLine();

    private static async Task<string> CreateRepositoryAsync(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "test"));
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), """{ "name": "calc", "version": "1.0.0", "private": true, "scripts": { "test": "node --test" } }""" + "\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "index.js"), "exports.add = (a, b) => a - b;\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "test", "add.test.js"),
            "const test = require('node:test');\nconst assert = require('node:assert');\nconst { add } = require('../index.js');\ntest('adds', () => { assert.strictEqual(add(2, 3), 5); });\n").ConfigureAwait(false);
        await Proc.RunAsync(folder, "git", ["init", "--quiet", "--initial-branch=main"], check: true).ConfigureAwait(false);
        await Proc.RunAsync(folder, "git", ["add", "--all"], check: true).ConfigureAwait(false);
        await Proc.RunAsync(folder, "git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgSign=false", "commit", "--quiet", "-m", "Initial"], check: true).ConfigureAwait(false);
        return folder;
    }

    private static string FindCli()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(folder.FullName, "src", "Honk.Cli", "bin", configuration, "net10.0", "Honk.Cli.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("Honk.Cli.dll not found: build src/Honk.Cli (Release) first, or pass its path (a Honk.Cli.dll, or the installed tool's Honk.Cli launcher) after the pair count");
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
