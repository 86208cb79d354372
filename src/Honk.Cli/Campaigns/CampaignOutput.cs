using System.Globalization;
using Honk.Campaigns;
using Honk.Cli.Output;
using Spectre.Console;

namespace Honk.Cli.Campaigns;

/// <summary>What <c>honk campaign</c> prints: one line per repository as it changes state, then the rollup; or one JSON object.</summary>
internal sealed class CampaignOutput(bool json)
{
    // The same console as `honk run`'s: no colours and no wrapping at 80 columns when the output is a file or a pipe.
    private readonly IAnsiConsole _out = CliOutput.CreateConsole(Console.Out, Console.IsOutputRedirected);
    private readonly Dictionary<int, string> _seen = [];
    private readonly Lock _lock = new();

    public bool Json => json;

    public void Status(string text)
    {
        if (!json)
        {
            _out.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
    }

    /// <summary>Prints the repositories whose state changed since the last call.</summary>
    public void Progress(IReadOnlyList<CampaignRepositoryRecord> repositories)
    {
        if (json)
        {
            return;
        }

        lock (_lock)
        {
            var done = repositories.Count(r => CampaignStatus.IsFinal(r.Status));
            foreach (var r in repositories)
            {
                if (r.Status == CampaignStatus.Pending || (_seen.TryGetValue(r.Position, out var last) && last == r.Status))
                {
                    continue;
                }

                _seen[r.Position] = r.Status;
                var color = CampaignStatus.IsSuccess(r.Status) ? "green" : CampaignStatus.IsFinal(r.Status) ? "red" : "grey";
                var detail = CampaignStatus.IsFinal(r.Status) ? string.Create(CultureInfo.InvariantCulture, $" · {r.Turns} turns · ${r.CostUsd:0.0000}") : "";
                _out.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{done}/{repositories.Count} w{r.Wave}[/] [{color}]{Markup.Escape(r.Status)}[/] {Markup.Escape(r.Repository)}{Markup.Escape(detail)}"));
            }
        }
    }

    public void Report(CampaignReport report)
    {
        if (json)
        {
            Console.Out.WriteLine(CampaignJson.Render(report));
            return;
        }

        var withPullRequests = report.PullRequests is not null;
        var table = withPullRequests
            ? new Table().AddColumns("repository", "wave", "status", "turns", "cost", "pull request", "message")
            : new Table().AddColumns("repository", "wave", "status", "turns", "cost", "message");
        foreach (var r in report.Repositories)
        {
            string[] cells =
            [
                Markup.Escape(r.Repository),
                r.Wave.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(r.Status),
                r.Turns.ToString(CultureInfo.InvariantCulture),
                r.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture),
                .. withPullRequests ? [Markup.Escape(PullRequestCell(r.PullRequest))] : Array.Empty<string>(),
                Markup.Escape(Shorten(r.Message)),
            ];
            table.AddRow(cells);
        }

        _out.Write(table);
        var color = report.Status == CampaignStatus.Completed ? "green" : report.Status == CampaignStatus.Paused ? "yellow" : "red";
        _out.MarkupLine($"campaign [blue]{Markup.Escape(report.Campaign)}[/] [bold {color}]{Markup.Escape(report.Status)}[/]{(report.DryRun ? " (dry run)" : "")}{(string.IsNullOrWhiteSpace(report.Message) ? "" : " · " + Markup.Escape(report.Message))}");
        _out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"  {string.Join(", ", report.Counts.Select(c => $"{c.Key} {c.Value}"))} · ${report.CostUsd:0.0000}")));
        _out.MarkupLine(Markup.Escape($"  by mode: {string.Join(", ", report.Modes.Select(c => $"{c.Key} {c.Value}"))}"));
        if (report.PullRequests is { } pullRequests)
        {
            _out.MarkupLine(Markup.Escape($"  pull requests: {string.Join(", ", pullRequests.Select(c => $"{c.Key} {c.Value}"))}"));
        }
    }

    /// <summary>The pull request's address and state: merged, closed, or its last recorded checks.</summary>
    private static string PullRequestCell(CampaignPullRequest? pullRequest)
        => pullRequest is null
            ? ""
            : $"{pullRequest.Url?.AbsoluteUri} {(pullRequest.State != CampaignPullRequest.Open ? pullRequest.State : pullRequest.Checks is { } checks ? "checks " + checks : "checks pending")}".Trim();

    public void Error(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        if (json)
        {
            Console.Out.WriteLine(CampaignJson.RenderError(message));
        }
    }

    private static string Shorten(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
