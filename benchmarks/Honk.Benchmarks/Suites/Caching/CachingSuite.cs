using System.Globalization;
using System.Text.Json;
using Honk.Benchmarks.Harness;
using Honk.Models;
using Honk.Models.Anthropic;
using Honk.Prompting;
using Honk.Tools;

namespace Honk.Benchmarks.Suites.Caching;

/// <summary>
/// Issue 16, item 4: the billed input cost of a 30-turn session with and without Anthropic prompt caching. The whole
/// path is Honk's: the standard prompt and built-in tools on this repository's own files, the agent loop, the official
/// Anthropic SDK with Honk's breakpoints, and the session's own cost accounting; only the model is a loopback server
/// that replays 29 tool calls and a closing answer and bills each request by Anthropic's documented caching rules.
/// </summary>
internal static class CachingSuite
{
    private const string Model = "claude-sonnet-4-5";

    public static async Task RunAsync(int turns)
    {
        var root = RepositoryRoot();
        var script = Script(root, turns);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a {script.Count}-turn session on {root} ({Model} list prices)"));
        Console.WriteLine("| caching | requests | uncached input tokens | cache reads | cache writes | billed input (USD) | session cost (USD) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var off = await RunAsync(root, script, caching: false).ConfigureAwait(false);
        var on = await RunAsync(root, script, caching: true).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"billed input with caching: {on / off:P1} of without ({off:F4} → {on:F4} USD)"));
    }

    private static async Task<decimal> RunAsync(string root, IReadOnlyList<ScriptedTurn> script, bool caching)
    {
        await using var server = new FakeAnthropicServer(script);
        using var client = AnthropicChatClientFactory.Create(new AnthropicModelOptions
        {
            ModelId = Model,
            ApiKey = "sk-ant-benchmark",
            BaseUrl = server.BaseUri,
            PromptCaching = caching,
        });
        var tools = BuiltInTools.Create();
        var task = new CodingTask("Explain how a session decides its outcome, reading the code; change nothing.");
        var prompt = new PromptBuilder().Build(new PromptRequest(task) { RepositoryRoot = root, Tools = [.. tools] });
        var options = new AgentSessionOptions
        {
            Workspace = new FolderWorkspace(root),
            Instructions = prompt.SystemPrompt,
            TaskMessage = prompt.UserMessage,
            ModelId = Model,
            Prices = ModelPriceTable.Default,
            Loop = new AgentLoopOptions { Budget = Budget.Unlimited },
        };
        foreach (var tool in tools)
        {
            options.Tools.Add(tool);
        }

        var result = await new AgentSession(client, task, options).RunAsync().ConfigureAwait(false);
        if (server.Billed.Count != script.Count)
        {
            throw new InvalidOperationException($"the session made {server.Billed.Count} model calls, not {script.Count} ({result.Status}: {result.Summary})");
        }

        ModelPriceTable.Default.TryGetPrice(Model, out var price);
        var input = server.Billed.Sum(b => (long)b.Input);
        var reads = server.Billed.Sum(b => (long)b.CacheRead);
        var writes = server.Billed.Sum(b => (long)b.CacheWrite);
        var billedInput = price.Cost(input + reads + writes, 0, reads, writes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(caching ? "on" : "off")} | {server.Billed.Count} | {input:N0} | {reads:N0} | {writes:N0} | {billedInput:F4} | {result.Usage.CostUsd:F4} |"));
        return billedInput;
    }

    // 29 tool calls over the repository's own source (reads of the largest files in src/Honk, searches, listings), then
    // the answer: the shape of a real investigation, with real tool output growing the conversation.
    private static List<ScriptedTurn> Script(string root, int turns)
    {
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "Honk"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        string[] patterns = ["OutcomeRules", "SessionStatus\\.", "ValidationFailureKind", "class .*Validator", "NoTestsRan"];
        var script = new List<ScriptedTurn>();
        for (var i = 0; script.Count < turns - 1; i++)
        {
            script.Add((i % 5) switch
            {
                3 => new ScriptedTurn("search", Json(new { pattern = patterns[i / 5 % patterns.Length], path = "src" })),
                4 => new ScriptedTurn("list_files", Json(new { path = Path.GetDirectoryName(files[i % files.Count])!.Replace('\\', '/') })),
                _ => new ScriptedTurn("read_file", Json(new { path = files[i % files.Count], limit = 150 })),
            });
        }

        script.Add(new ScriptedTurn(null, "The outcome is decided by OutcomeRules after the final gate; nothing was changed."));
        return script;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Honk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the Honk repository (Honk.sln not found above it)");
    }
}
