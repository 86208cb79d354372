using Honk.Models;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class BudgetTests
{
    // Each turn writes a new file, so the work done so far is visible in the result.
    private static string WritingScript(int turns, int inputTokens = 100, int outputTokens = 50)
        => "{ \"turns\": [" + string.Join(",", Enumerable.Range(1, turns).Select(i =>
            $$"""{ "toolCalls": [ { "name": "write_file", "arguments": { "path": "f{{i}}.txt", "content": "{{i}}" } } ], "usage": { "inputTokens": {{inputTokens}}, "outputTokens": {{outputTokens}} } }""")) + ", { \"text\": \"done\" } ] }";

    private static async Task<(List<AgentEvent> Events, SessionResult Result, FolderWorkspace Workspace)> RunAsync(Budget budget, string script, ModelPriceTable? prices = null)
    {
        var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool());
        options.Loop.Budget = budget;
        options.Prices = prices ?? ModelPriceTable.Empty;
        options.ModelId = "test-model";
        var events = await CollectAsync(new AgentSession(Script(script), new CodingTask("write files"), options), TestContext.Current.CancellationToken);
        return (events, ResultOf(events), workspace);
    }

    [Fact]
    public async Task MaxTurns_EndsBudgetExceeded_AndKeepsWork()
    {
        var (events, result, workspace) = await RunAsync(new Budget { MaxTurns = 3 }, WritingScript(10));
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal(3, result.Turns);
        Assert.Equal("turns", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
        Assert.Equal(["f1.txt", "f2.txt", "f3.txt"], result.ChangedFiles);
        Assert.True(File.Exists(Path.Combine(workspace.RootPath, "f3.txt")));
    }

    [Fact]
    public async Task MaxInputTokens_FromReportedUsage_EndsBudgetExceeded()
    {
        var (events, result, workspace) = await RunAsync(new Budget { MaxInputTokens = 250 }, WritingScript(10, inputTokens: 100));
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal("input_tokens", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
        Assert.Equal(300, result.Usage.InputTokens);
        Assert.Equal(3, result.Turns);

        // The turn that crossed the limit does not get its tool calls run.
        Assert.Equal(["f1.txt", "f2.txt"], result.ChangedFiles);
    }

    [Fact]
    public async Task MaxOutputTokens_EndsBudgetExceeded()
    {
        var (events, result, workspace) = await RunAsync(new Budget { MaxOutputTokens = 120 }, WritingScript(10, outputTokens: 50));
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal("output_tokens", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
        Assert.Equal(150, result.Usage.OutputTokens);
    }

    [Fact]
    public async Task MaxCostUsd_UsesPriceTable()
    {
        // 1M input tokens at $3 + 0.5M output at $15 = $10.50 per turn.
        var prices = ModelPriceTable.Empty.With("test-model", new ModelPrice(3m, 15m));
        var (events, result, workspace) = await RunAsync(new Budget { MaxCostUsd = 20m }, WritingScript(10, inputTokens: 1_000_000, outputTokens: 500_000), prices);
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal("cost_usd", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
        Assert.Equal(21m, result.Usage.CostUsd);
        Assert.Equal(2, result.Turns);
    }

    [Fact]
    public async Task MaxToolCalls_EndsBeforeTheCallOverTheLimit()
    {
        var (events, result, workspace) = await RunAsync(new Budget { MaxToolCalls = 2 }, WritingScript(10));
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal("tool_calls", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
        Assert.Equal(2, result.ToolCalls);
        Assert.Equal(2, events.OfType<ToolCallCompleted>().Count());
    }

    [Fact]
    public async Task MaxWallTime_CutsAStalledModelCall()
    {
        // A call that would stall for weeks: only the wall-time budget can end this run within the hang limit.
        const string Stalled = """{ "turns": [ { "text": "thinking...", "delayMs": 2147483647 } ] }""";

        var running = RunAsync(new Budget { MaxWallTime = TimeSpan.FromMilliseconds(300) }, Stalled);
        var first = await Task.WhenAny(running, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.True(first == running, "the wall-time budget never cut the stalled model call (still waiting after 2 minutes).");
        var (events, result, workspace) = await running;
        await using var _ = workspace;

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal("wall_time", Assert.Single(events.OfType<BudgetExceeded>()).Limit);
    }

    [Fact]
    public async Task TaskBudget_IsCombinedWithHostBudget_TighterWins()
    {
        var workspace = new FolderWorkspace();
        await using var _ = workspace;
        var options = Options(workspace, WriteTool());
        options.Loop.Budget = new Budget { MaxTurns = 10 };
        var task = new CodingTask("x") { Budget = new Budget { MaxTurns = 2 } };

        var result = await new AgentSession(Script(WritingScript(5)), task, options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.BudgetExceeded, result.Status);
        Assert.Equal(2, result.Turns);
    }

    [Fact]
    public async Task WithinBudget_Succeeds()
    {
        var (_, result, workspace) = await RunAsync(new Budget { MaxTurns = 10, MaxToolCalls = 10 }, WritingScript(3));
        await using var _ = workspace;

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(4, result.Turns);
        Assert.Equal(3, result.ToolCalls);
    }
}
