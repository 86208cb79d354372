namespace Honk.Campaigns;

/// <summary>The keys a campaign file adds to a task file's, and common wrong names for them.</summary>
internal static class CampaignFileKeys
{
    public const string Targets = "targets";
    public const string TargetsFile = "targets_file";
    public const string Canary = "canary";
    public const string Waves = "waves";
    public const string Gate = "gate";
    public const string Approval = "approval";
    public const string Concurrency = "concurrency";
    public const string BudgetTotal = "budget_total";
    public const string PullRequestTitle = "pr_title";
    public const string PullRequestBody = "pr_body";

    public static IReadOnlyCollection<string> All { get; } =
        [Targets, TargetsFile, Canary, Waves, Gate, Approval, Concurrency, BudgetTotal, PullRequestTitle, PullRequestBody];

    public static IReadOnlyDictionary<string, string> Synonyms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["repositories"] = Targets,
        ["repos"] = Targets,
        ["repositories_file"] = TargetsFile,
        ["repos_file"] = TargetsFile,
        ["canaries"] = Canary,
        ["batches"] = Waves,
        ["stages"] = Waves,
        ["success_rate"] = Gate,
        ["min_success_rate"] = Gate,
        ["approve"] = Approval,
        ["require_approval"] = Approval,
        ["parallelism"] = Concurrency,
        ["parallel"] = Concurrency,
        ["workers"] = Concurrency,
        ["total_budget"] = BudgetTotal,
        ["budget_usd"] = BudgetTotal,
        ["pull_request_title"] = PullRequestTitle,
        ["pull_request_body"] = PullRequestBody,
    };
}
