namespace Honk.Tasks;

/// <summary>The keys a task file's front matter may hold, and the common wrong names mapped to the right ones.</summary>
internal static class TaskFileKeys
{
    public const string Title = "title";
    public const string Goal = "goal";
    public const string Preconditions = "preconditions";
    public const string Examples = "examples";
    public const string Done = "done";
    public const string AllowedPaths = "allowed_paths";
    public const string Budget = "budget";
    public const string Delivery = "delivery";
    public const string Branch = "branch";
    public const string Requester = "requester";
    public const string PreExistingFailures = "pre_existing_failures";
    public const string McpServers = "mcp_servers";
    public const string PlanApproval = "plan_approval";

    public const string Turns = "turns";
    public const string CostUsd = "cost_usd";
    public const string Minutes = "minutes";
    public const string ToolCalls = "tool_calls";
    public const string Tokens = "tokens";
    public const string OutputTokens = "output_tokens";

    public static IReadOnlyCollection<string> TopLevel { get; } =
        [Title, Goal, Preconditions, Examples, Done, AllowedPaths, Budget, Delivery, Branch, Requester, PreExistingFailures, McpServers, PlanApproval];

    public static IReadOnlyCollection<string> BudgetKeys { get; } = [Turns, CostUsd, Minutes, ToolCalls, Tokens, OutputTokens];

    public static IReadOnlyDictionary<string, string> TopLevelSynonyms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["objective"] = Goal,
        ["end_state"] = Goal,
        ["description"] = Goal,
        ["task"] = Goal,
        ["definition_of_done"] = Done,
        ["dod"] = Done,
        ["done_when"] = Done,
        ["acceptance"] = Done,
        ["acceptance_criteria"] = Done,
        ["paths"] = AllowedPaths,
        ["scope"] = AllowedPaths,
        ["allowed"] = AllowedPaths,
        ["files"] = AllowedPaths,
        ["requires"] = Preconditions,
        ["when"] = Preconditions,
        ["limits"] = Budget,
        ["deliver"] = Delivery,
        ["branch_name"] = Branch,
        ["preexisting_failures"] = PreExistingFailures,
        ["pre_existing"] = PreExistingFailures,
        ["preexisting"] = PreExistingFailures,
        ["baseline"] = PreExistingFailures,
        ["existing_failures"] = PreExistingFailures,
        ["mcp"] = McpServers,
        ["mcpservers"] = McpServers,
        ["mcp_server"] = McpServers,
        ["tool_servers"] = McpServers,
        ["approve_plan"] = PlanApproval,
        ["plan_first"] = PlanApproval,
        ["require_plan_approval"] = PlanApproval,
    };

    public static IReadOnlyDictionary<string, string> BudgetSynonyms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["max_turns"] = Turns,
        ["cost"] = CostUsd,
        ["usd"] = CostUsd,
        ["budget_usd"] = CostUsd,
        ["max_cost_usd"] = CostUsd,
        ["time"] = Minutes,
        ["wall_time"] = Minutes,
        ["duration"] = Minutes,
        ["timeout"] = Minutes,
        ["max_tool_calls"] = ToolCalls,
        ["input_tokens"] = Tokens,
        ["max_tokens"] = Tokens,
        ["max_output_tokens"] = OutputTokens,
    };
}
