using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>One check run on a commit (for GitHub Actions, one job: its id is the job's id).</summary>
public sealed record GitHubCheckRun
{
    /// <summary>The check run's id (the Actions job id for Actions checks).</summary>
    public long Id { get; init; }

    /// <summary>The check's name, e.g. <c>build (ubuntu-latest)</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The commit it ran on.</summary>
    public string? HeadSha { get; init; }

    /// <summary><c>queued</c>, <c>in_progress</c> or <c>completed</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>For a completed run: <c>success</c>, <c>failure</c>, <c>neutral</c>, <c>cancelled</c>, <c>skipped</c>, <c>timed_out</c>, <c>action_required</c>, <c>stale</c>.</summary>
    public string? Conclusion { get; init; }

    /// <summary>Where the run's details are.</summary>
    public Uri? DetailsUrl { get; init; }

    /// <summary>The run's output title, if any.</summary>
    public string? OutputTitle { get; init; }

    /// <summary>The run's output summary (Markdown), if any.</summary>
    public string? OutputSummary { get; init; }

    /// <summary>The run's output text (Markdown), if any.</summary>
    public string? OutputText { get; init; }

    /// <summary>True when the run finished without a result that should block a merge.</summary>
    public bool Passed => Status == "completed" && Conclusion is "success" or "neutral" or "skipped";

    /// <summary>True when the run finished with a failing result.</summary>
    public bool Failed => Status == "completed" && !Passed;

    internal static GitHubCheckRun From(Octo.CheckRun run) => new()
    {
        Id = run.Id,
        Name = run.Name ?? "",
        HeadSha = run.HeadSha,
        Status = run.Status.StringValue ?? "",
        Conclusion = run.Conclusion?.StringValue,
        DetailsUrl = GitHubClient.ToUri(run.DetailsUrl ?? run.HtmlUrl),
        OutputTitle = run.Output?.Title,
        OutputSummary = run.Output?.Summary,
        OutputText = run.Output?.Text,
    };
}
