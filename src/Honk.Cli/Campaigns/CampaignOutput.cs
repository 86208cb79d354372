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
            _out.MarkupLine($"[grey]{Safe(text)}[/]");
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
                _out.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{done}/{repositories.Count} w{r.Wave}[/] [{color}]{Safe(r.Status)}[/] {Safe(r.Repository)}{Safe(detail)}"));
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
                Safe(r.Repository),
                r.Wave.ToString(CultureInfo.InvariantCulture),
                Safe(r.Status),
                r.Turns.ToString(CultureInfo.InvariantCulture),
                r.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture),
                .. withPullRequests ? [Safe(PullRequestCell(r.PullRequest))] : Array.Empty<string>(),
                Safe(Shorten(r.Message)),
            ];
            table.AddRow(cells);
        }

        _out.Write(table);
        var color = report.Status == CampaignStatus.Completed ? "green" : report.Status == CampaignStatus.Paused ? "yellow" : "red";
        _out.MarkupLine($"campaign [blue]{Safe(report.Campaign)}[/] [bold {color}]{Safe(report.Status)}[/]{(report.DryRun ? " (dry run)" : "")}{(string.IsNullOrWhiteSpace(report.Message) ? "" : " · " + Safe(report.Message))}");
        _out.MarkupLine(Safe(string.Create(CultureInfo.InvariantCulture, $"  {string.Join(", ", report.Counts.Select(c => $"{c.Key} {c.Value}"))} · ${report.CostUsd:0.0000}")));
        _out.MarkupLine(Safe($"  by mode: {string.Join(", ", report.Modes.Select(c => $"{c.Key} {c.Value}"))}"));
        if (report.PullRequests is { } pullRequests)
        {
            _out.MarkupLine(Safe($"  pull requests: {string.Join(", ", pullRequests.Select(c => $"{c.Key} {c.Value}"))}"));
        }
    }

    /// <summary>The pull request's address and state: merged, closed, or its last recorded checks.</summary>
    private static string PullRequestCell(CampaignPullRequest? pullRequest)
        => pullRequest is null
            ? ""
            : $"{pullRequest.Url?.AbsoluteUri} {(pullRequest.State != CampaignPullRequest.Open ? pullRequest.State : pullRequest.Checks is { } checks ? "checks " + checks : "checks pending")}".Trim();

    public void Error(string message)
    {
        Console.Error.WriteLine($"error: {TerminalText.Printable(message)}");
        if (json)
        {
            Console.Out.WriteLine(CampaignJson.RenderError(message));
        }
    }

    // Repository names, messages and URLs come from campaign files, repositories and models: no terminal control
    // characters, no credentials of a target's URL, no Spectre markup.
    private static string Safe(string? text) => Markup.Escape(TerminalText.Printable(text));

    private static string Shorten(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
