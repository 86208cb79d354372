using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Honk.Campaigns;

/// <summary>
/// The fixed campaign JSON object — <c>campaign, status, counts, costUsd, repositories[repository, status, branch,
/// sessionId, costUsd, message]</c> plus a few extra fields — printed by <c>honk campaign run --json</c> and answered
/// by the host's campaign API, and read back by the CLI when it talks to a host.
/// </summary>
public static class CampaignReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    /// <summary>The report as the fixed JSON object.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The object, to print or to add fields to.</returns>
    public static JsonObject ToJson(CampaignReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var started = report.Repositories.Where(r => r.Status != CampaignStatus.Skipped && CampaignStatus.IsFinal(r.Status)).ToList();
        var body = new Body(
            report.Campaign,
            report.Status,
            report.Counts,
            report.CostUsd,
            [.. report.Repositories.Select(r => new RepositoryBody(r.Repository, r.Status, r.Branch, r.SessionId, r.CostUsd, r.Message) { Wave = r.Wave, Turns = r.Turns, Attempts = r.Attempts, PullRequest = PullRequestBody.Of(r.PullRequest) })])
        {
            Name = report.Name,
            Message = report.Message,
            DryRun = report.DryRun,
            Modes = report.Modes,
            PullRequests = report.PullRequests,
            PassRate = started.Count == 0 ? null : Math.Round((decimal)started.Count(r => CampaignStatus.IsSuccess(r.Status)) / started.Count, 4),
        };
        return JsonSerializer.SerializeToNode(body, Options)!.AsObject();
    }

    /// <summary>The report as indented JSON text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string Render(CampaignReport report) => ToJson(report).ToJsonString(Options);

    /// <summary>The error object: <c>{"campaign": null, "status": "failed", "error": …, "counts": {}, …}</c>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <returns>The text.</returns>
    public static string RenderError(string message)
        => JsonSerializer.Serialize(new ErrorBody(null, "failed", message, new Dictionary<string, int>(), 0, []), Options);

    /// <summary>Reads the object back (a host's answer) into a report.</summary>
    /// <param name="json">The object's text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">It is not a campaign object.</exception>
    public static CampaignReport Parse(string json)
    {
        var body = JsonSerializer.Deserialize<Body>(json, Options) ?? throw new JsonException("Not a campaign object.");
        if (body.Campaign is null || body.Status is null)
        {
            throw new JsonException("Not a campaign object: 'campaign' and 'status' are missing.");
        }

        return new CampaignReport
        {
            Campaign = body.Campaign,
            Name = body.Name ?? body.Campaign,
            Status = body.Status,
            Message = body.Message,
            DryRun = body.DryRun,
            Counts = body.Counts ?? new Dictionary<string, int>(),
            Modes = body.Modes ?? new Dictionary<string, int>(),
            CostUsd = body.CostUsd,
            Repositories = [.. (body.Repositories ?? []).Select(r => new CampaignReportLine(r.Repository, r.Status, r.Branch, r.SessionId, r.CostUsd, r.Message) { Wave = r.Wave, Turns = r.Turns, Attempts = r.Attempts, PullRequest = r.PullRequest?.ToPullRequest() })],
            PullRequests = body.PullRequests,
        };
    }

    private sealed record Body(string Campaign, string Status, IReadOnlyDictionary<string, int> Counts, decimal CostUsd, IReadOnlyList<RepositoryBody> Repositories)
    {
        public string? Name { get; init; }

        public string? Message { get; init; }

        public bool DryRun { get; init; }

        public decimal? PassRate { get; init; }

        public IReadOnlyDictionary<string, int>? Modes { get; init; }

        /// <summary>Only for campaigns that open pull requests, so other campaigns' objects stay as they were.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyDictionary<string, int>? PullRequests { get; init; }
    }

    private sealed record RepositoryBody(string Repository, string Status, string? Branch, string? SessionId, decimal CostUsd, string? Message)
    {
        public int Wave { get; init; }

        public int Turns { get; init; }

        public int Attempts { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PullRequestBody? PullRequest { get; init; }
    }

    private sealed record PullRequestBody(string? Url, string? Checks, string State)
    {
        public static PullRequestBody? Of(CampaignPullRequest? pullRequest)
            => pullRequest is null ? null : new PullRequestBody(pullRequest.Url?.AbsoluteUri, pullRequest.Checks, pullRequest.State);

        public CampaignPullRequest ToPullRequest()
            => new(Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var url) ? url : null, Checks, State);
    }

    private sealed record ErrorBody(string? Campaign, string Status, string Error, IReadOnlyDictionary<string, int> Counts, decimal CostUsd, IReadOnlyList<RepositoryBody> Repositories);
}
