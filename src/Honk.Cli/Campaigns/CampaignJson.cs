using System.Text.Json;
using System.Text.Json.Serialization;
using Honk.Campaigns;

namespace Honk.Cli.Campaigns;

/// <summary>
/// The fixed <c>honk campaign run --json</c> object: campaign, status, counts, costUsd, repositories[repository, status,
/// branch, sessionId, costUsd, message] — plus a few extra fields a script may find useful.
/// </summary>
internal static class CampaignJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static string Render(CampaignReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var started = report.Repositories.Where(r => r.Status != CampaignStatus.Skipped).ToList();
        var body = new Body(
            report.Campaign,
            report.Status,
            report.Counts,
            report.CostUsd,
            [.. report.Repositories.Select(r => new RepositoryBody(r.Repository, r.Status, r.Branch, r.SessionId, r.CostUsd, r.Message) { Wave = r.Wave, Turns = r.Turns, Attempts = r.Attempts })])
        {
            Name = report.Name,
            Message = report.Message,
            DryRun = report.DryRun,
            Modes = report.Modes,
            PassRate = started.Count == 0 ? null : Math.Round((decimal)started.Count(r => CampaignStatus.IsSuccess(r.Status)) / started.Count, 4),
        };
        return JsonSerializer.Serialize(body, Options);
    }

    public static string RenderError(string message)
        => JsonSerializer.Serialize(new ErrorBody(null, "failed", message, new Dictionary<string, int>(), 0, []), Options);

    private sealed record Body(string Campaign, string Status, IReadOnlyDictionary<string, int> Counts, decimal CostUsd, IReadOnlyList<RepositoryBody> Repositories)
    {
        public string? Name { get; init; }

        public string? Message { get; init; }

        public bool DryRun { get; init; }

        public decimal? PassRate { get; init; }

        public IReadOnlyDictionary<string, int>? Modes { get; init; }
    }

    private sealed record RepositoryBody(string Repository, string Status, string? Branch, string? SessionId, decimal CostUsd, string? Message)
    {
        public int Wave { get; init; }

        public int Turns { get; init; }

        public int Attempts { get; init; }
    }

    private sealed record ErrorBody(string? Campaign, string Status, string Error, IReadOnlyDictionary<string, int> Counts, decimal CostUsd, IReadOnlyList<RepositoryBody> Repositories);
}
