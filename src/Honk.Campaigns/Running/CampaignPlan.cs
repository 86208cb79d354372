using System.Text;
using Honk.Tasks;

namespace Honk.Campaigns;

/// <summary>Which wave each repository belongs to: the canary first (wave 0), then the file's waves in order.</summary>
public static class CampaignPlan
{
    /// <summary>Assigns waves to <paramref name="count"/> repositories taken in order.</summary>
    /// <param name="count">How many repositories.</param>
    /// <param name="canary">How many run first, alone.</param>
    /// <param name="waves">The waves after the canary; what remains after the last forms one more wave.</param>
    /// <returns>The wave of each repository, by position.</returns>
    public static IReadOnlyList<int> AssignWaves(int count, int canary, IReadOnlyList<WaveSize> waves)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(canary, 1);
        ArgumentNullException.ThrowIfNull(waves);
        var assigned = new int[count];
        var next = Math.Min(canary, count);
        var wave = 1;
        foreach (var size in waves)
        {
            if (next >= count)
            {
                break;
            }

            var end = size.Count is { } n ? Math.Min(count, next + n) : count;
            for (var i = next; i < end; i++)
            {
                assigned[i] = wave;
            }

            next = end;
            wave++;
        }

        for (var i = next; i < count; i++)
        {
            assigned[i] = wave;
        }

        return assigned;
    }

    /// <summary>The stored spec of a campaign file: its task, delivery, branch and rollout rules.</summary>
    /// <param name="file">The campaign file.</param>
    /// <param name="campaignId">The campaign's id (the default branch name ends with part of it).</param>
    /// <returns>The spec; adjust model, delivery or dry run with <c>with</c>.</returns>
    public static CampaignSpec Spec(CampaignFile file, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        var waves = AssignWaves(file.Targets.Count, file.Canary, file.Waves);
        return new CampaignSpec
        {
            Name = file.Name,
            Task = file.Task.Task,
            Delivery = file.Task.Delivery is { } delivery ? [delivery] : [TaskDelivery.Branch],
            Branch = file.Task.Branch ?? DefaultBranch(file.Name, campaignId),
            WaveCount = waves.Count == 0 ? 1 : waves.Max() + 1,
            Gate = file.Gate,
            Approval = file.Approval,
            Concurrency = file.Concurrency,
            BudgetTotal = file.BudgetTotal,
            PullRequestTitle = file.PullRequestTitle ?? file.Name,
            PullRequestBody = file.PullRequestBody,
        };
    }

    /// <summary>The campaign file's repositories with their waves, in order.</summary>
    /// <param name="file">The campaign file.</param>
    /// <returns>The repositories.</returns>
    public static IReadOnlyList<(string Repository, int Wave)> Repositories(CampaignFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var waves = AssignWaves(file.Targets.Count, file.Canary, file.Waves);
        return [.. file.Targets.Select((target, i) => (target, waves[i]))];
    }

    /// <summary><c>honk/&lt;slug of the name&gt;-&lt;end of the id&gt;</c>: one branch for every repository of the campaign.</summary>
    private static string DefaultBranch(string name, string campaignId)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var text = slug.ToString().Trim('-');
        var suffix = campaignId.Length > 6 ? campaignId[^6..] : campaignId;
        return $"honk/{(text.Length == 0 ? "campaign" : text)}-{suffix}";
    }
}
