using Honk.Tasks;

namespace Honk.Campaigns;

/// <summary>
/// What a campaign runs, as stored with it (JSON) so every worker builds the same session: the task, the model, the
/// delivery and branch, and the rollout rules.
/// </summary>
public sealed record CampaignSpec
{
    /// <summary>The campaign's name.</summary>
    public required string Name { get; init; }

    /// <summary>The task run on every repository.</summary>
    public required CodingTask Task { get; init; }

    /// <summary>The model, in the CLI's form; the worker's default when <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>The judge's model; no LLM judge when <see langword="null"/>.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>How each change is delivered (empty for a dry run: nothing leaves the workspace).</summary>
    public IReadOnlyList<TaskDelivery> Delivery { get; init; } = [TaskDelivery.Branch];

    /// <summary>The one branch name every repository's change is delivered to.</summary>
    public required string Branch { get; init; }

    /// <summary>How many waves there are, the canary (wave 0) included.</summary>
    public int WaveCount { get; init; } = 1;

    /// <summary>The smallest share of a wave that must succeed before the next starts.</summary>
    public decimal Gate { get; init; } = CampaignDefaults.Gate;

    /// <summary>Whether a person approves each next wave.</summary>
    public bool Approval { get; init; }

    /// <summary>How many sessions run at once.</summary>
    public int Concurrency { get; init; } = CampaignDefaults.Concurrency;

    /// <summary>The most US dollars the campaign may spend; no limit when <see langword="null"/>.</summary>
    public decimal? BudgetTotal { get; init; }

    /// <summary>Whether this is a dry run: only the canary wave, nothing delivered.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The broker queue this campaign's jobs go to when it runs on workers; the default queue when <see langword="null"/>.
    /// A worker on another queue refuses its jobs instead of running them.
    /// </summary>
    public string? JobQueue { get; init; }

    /// <summary>The pull request's title, when delivering pull requests.</summary>
    public string? PullRequestTitle { get; init; }

    /// <summary>The pull request's body, when delivering pull requests.</summary>
    public string? PullRequestBody { get; init; }
}
