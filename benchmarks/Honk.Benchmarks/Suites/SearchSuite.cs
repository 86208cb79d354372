using System.Globalization;
using Honk.Benchmarks.Harness;
using Honk.Tools;
using Microsoft.Extensions.AI;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 4, item 4: the <c>search</c> tool against raw <c>rg --no-heading --line-number PATTERN .</c> on the corpus,
/// for a rare literal, a pattern with no match, a very common word and a regex. A third column runs ripgrep with the
/// exact arguments the tool passes it, which splits the tool's cost into "ripgrep's work" and "the tool's own work".
/// </summary>
internal static class SearchSuite
{
    private static readonly (string Kind, string Pattern)[] Patterns =
    [
        ("rare literal", "EPOLLEXCLUSIVE"),
        ("no match", "Py_NoSuchSymbol_xyz"),
        ("regex", @"static\s+inline\s+\w+\s+\w+\("),
        ("common word", "struct"),
    ];

    public static async Task RunAsync(int repetitions)
    {
        var root = await Corpus.EnsureAsync().ConfigureAwait(false);
        await Corpus.DescribeAsync(root).ConfigureAwait(false);
        var search = BuiltInTools.Create().Single(t => t.Name == "search");
        var context = new ToolContext("bench", new CodingTask("search benchmark"), new FolderWorkspace(root));

        Console.WriteLine();
        Console.WriteLine("| pattern | matches | raw rg (ms) | Honk search (ms) | Honk ÷ rg | rg with Honk's flags (ms) | tool's own work (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (kind, pattern) in Patterns)
        {
            var matches = 0;
            var samples = await Measure.SideBySideAsync(repetitions, 2,
                ("rg", null, async () => matches = CountLines((await Proc.RunAsync(root, "rg", ["--no-heading", "--line-number", pattern, "."]).ConfigureAwait(false)).StandardOutput)),
                ("honk", null, async () => await InvokeAsync(search, context, pattern).ConfigureAwait(false)),
                ("rg-honk-flags", null, async () => await Proc.RunAsync(root, "rg", HonkFlags(pattern)).ConfigureAwait(false))).ConfigureAwait(false);
            var (rg, honk, flags) = (samples[0], samples[1], samples[2]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} `{pattern}` | {matches} | {rg.MedianMs:0.0} | {honk.MedianMs:0.0} | {honk.MedianMs / rg.MedianMs:0.00}× | {flags.MedianMs:0.0} | {honk.MedianMs - flags.MedianMs:0.0} |"));
            foreach (var sample in samples)
            {
                Console.Error.WriteLine($"  {kind} {sample.Name}: {sample.Describe()}");
            }
        }
    }

    /// <summary>The arguments <c>RipgrepSearcher</c> passes (src/Honk.Tools/Search/RipgrepSearcher.cs), for a git repository searched from the root.</summary>
    private static string[] HonkFlags(string pattern) =>
    [
        "--no-config", "--line-number", "--with-filename", "--no-heading", "--color", "never", "--null",
        "--hidden", "--no-ignore-dot", "--no-ignore-parent", "--no-messages", "--max-filesize", "16777216",
        "--glob", "!.git", "--regexp", pattern, "--", ".",
    ];

    private static async Task<string> InvokeAsync(AIFunction tool, ToolContext context, string pattern)
    {
        var arguments = new AIFunctionArguments(new Dictionary<string, object?> { ["pattern"] = pattern }).WithToolContext(context);
        var result = await tool.InvokeAsync(arguments).ConfigureAwait(false);
        return result as string ?? throw new InvalidOperationException("search returned no text");
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');
}
