using System.Globalization;
using System.Text;
using Honk.Campaigns;
using static Honk.Server.HtmlLayout;

namespace Honk.Server.Campaigns;

/// <summary>
/// Renders the campaign pages: the list, and one campaign — its state, the burndown (repositories by outcome per
/// wave, and what remains after each), the bulk actions, and a row per repository linking to its session's review page.
/// </summary>
internal static class CampaignPages
{
    private const string Stylesheet = "<link rel=\"stylesheet\" href=\"/review/campaigns/assets/campaign.css\">";

    /// <summary>The outcome groups of the burndown, in drawing order, with the states each holds.</summary>
    private static readonly (string Tone, string Label, Func<string, bool> Holds)[] Groups =
    [
        ("ok", "succeeded or no change", CampaignStatus.IsSuccess),
        ("bad", "failed", s => CampaignStatus.IsFinal(s) && !CampaignStatus.IsSuccess(s) && s != CampaignStatus.Skipped),
        ("busy", "queued or running", s => s is CampaignStatus.Queued or CampaignStatus.RepositoryRunning),
        ("muted", "skipped", s => s == CampaignStatus.Skipped),
        ("todo", "waiting", s => s == CampaignStatus.Pending),
    ];

    public static string List(IReadOnlyList<CampaignRecord> campaigns)
    {
        var body = new StringBuilder(Stylesheet).Append("<h1>Campaigns</h1>");
        if (campaigns.Count == 0)
        {
            body.Append("<p class=\"muted\">No campaigns yet.</p>");
        }

        body.Append("<ul class=\"sessions\">");
        foreach (var c in campaigns)
        {
            body.Append("<li><a class=\"session\" href=\"/review/campaigns/").Append(E(Uri.EscapeDataString(c.Id))).Append("\">")
                .Append("<span class=\"title\">").Append(E(c.Spec.Name)).Append("</span>")
                .Append(CampaignBadge(c.Status))
                .Append("<span class=\"meta\">").Append(E(c.Spec.Task.Requester)).Append(" · ")
                .Append(E(c.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</span></a></li>");
        }

        return Page("Campaigns", body.Append("</ul>").ToString());
    }

    public static string Campaign(CampaignPageView view, string? notice)
    {
        var report = view.Report;
        var body = new StringBuilder(Stylesheet);
        body.Append("<article class=\"campaign-page\" data-campaign=\"").Append(E(report.Campaign))
            .Append("\" data-live=\"").Append(E($"/review/campaigns/{Uri.EscapeDataString(report.Campaign)}/live?t={Uri.EscapeDataString(view.Token)}")).Append("\">");
        body.Append("<h1>").Append(E(report.Name)).Append("</h1>");
        if (notice is not null)
        {
            body.Append("<p class=\"notice\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        body.Append(Live(view)).Append("</article>");

        // The page follows a running campaign by fetching its live part and swapping what changed (no reload).
        body.Append("<script src=\"/review/campaigns/assets/campaign.js\" defer></script>");
        return Page(report.Name, body.ToString());
    }

    /// <summary>The part of the page that changes while the campaign runs; each child is one swappable part.</summary>
    public static string Live(CampaignPageView view)
    {
        var report = view.Report;
        var body = new StringBuilder();
        body.Append("<div id=\"campaign-live\" data-status=\"").Append(E(report.Status)).Append("\">");
        body.Append("<p class=\"status-line\" data-part=\"status\">").Append(CampaignBadge(report.Status)).Append(report.DryRun ? " <span class=\"badge muted\">dry run</span>" : "")
            .Append(" <span class=\"muted\">").Append(E(report.Campaign)).Append("</span></p>");
        body.Append("<p id=\"campaign-message\" data-part=\"message\">").Append(E(report.Message)).Append("</p>");
        body.Append("<ul class=\"counts\" id=\"counts\" data-part=\"counts\">");
        foreach (var (status, count) in report.Counts)
        {
            body.Append("<li data-status=\"").Append(E(status)).Append("\">").Append(RepositoryBadge(status)).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append("</li>");
        }

        body.Append("</ul>");
        AppendPullRequestCounts(body, report);
        body.Append("<p class=\"muted\" data-part=\"totals\">")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"{report.Repositories.Count} repositories · ${report.CostUsd:0.00} spent")))
            .Append("</p>");

        AppendActions(body, report, view.Token, view.MayAct);
        AppendBurndown(body, report);
        AppendRepositories(body, report, view.ReviewLink);
        return body.Append("</div>").ToString();
    }

    /// <summary>What became of the pull requests, from what the pull-request loop recorded (campaigns that open them).</summary>
    private static void AppendPullRequestCounts(StringBuilder body, CampaignReport report)
    {
        if (report.PullRequests is not { } counts)
        {
            return;
        }

        body.Append("<ul class=\"counts\" id=\"pull-requests\" data-part=\"pull-requests\" aria-label=\"Pull requests\">");
        foreach (var (key, label, tone) in new[] { ("opened", "PRs opened", "muted"), ("checks_passed", "checks passed", "ok"), ("checks_failed", "PR checks failed", "bad"), ("merged", "merged", "ok"), ("closed", "closed", "muted") })
        {
            var n = counts.TryGetValue(key, out var c) ? c : 0;
            body.Append("<li data-pr=\"").Append(key).Append("\"><span class=\"badge ").Append(tone).Append("\">").Append(E(label)).Append("</span> ")
                .Append(n.ToString(CultureInfo.InvariantCulture)).Append("</li>");
        }

        body.Append("</ul>");
    }

    private static void AppendActions(StringBuilder body, CampaignReport report, string token, bool mayAct)
    {
        var available = CampaignActions.Available(report).ToList();
        if (!mayAct || available.Count == 0)
        {
            return;
        }

        body.Append("<section class=\"bulk\" data-part=\"actions\" aria-label=\"Bulk actions\">");
        foreach (var action in available)
        {
            var label = action switch
            {
                "approve" => "Approve next wave",
                "retry" => "Retry failed",
                "pause" => "Pause",
                "resume" => "Resume",
                _ => "Cancel campaign",
            };
            body.Append("<form method=\"post\" action=\"").Append(E(PageForm.Action($"/review/campaigns/{Uri.EscapeDataString(report.Campaign)}/{action}", token))).Append("\">")
                .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(E(token)).Append("\">")
                .Append("<button id=\"").Append(action).Append("\" type=\"submit\"").Append(action is "approve" or "resume" ? " class=\"primary\"" : "").Append('>')
                .Append(E(label)).Append("</button></form>");
        }

        body.Append("</section>");
    }

    /// <summary>A stacked bar per wave (SVG attributes, no inline styles: the page's CSP forbids them) and a table of the same counts.</summary>
    private static void AppendBurndown(StringBuilder body, CampaignReport report)
    {
        var waves = report.Repositories.GroupBy(r => r.Wave).OrderBy(g => g.Key).ToList();
        var total = Math.Max(1, report.Repositories.Count);
        const int width = 320, barHeight = 18, gap = 8, labelWidth = 64;
        var height = (waves.Count + 1) * (barHeight + gap);
        body.Append("<section class=\"burndown\" id=\"burndown\" data-part=\"burndown\"><h2>Burndown</h2>");
        body.Append("<svg viewBox=\"0 0 ").Append(width + labelWidth).Append(' ').Append(height).Append("\" role=\"img\" aria-label=\"Repositories by outcome in each wave\">");
        var y = 0;
        var remaining = report.Repositories.Count;
        foreach (var wave in waves)
        {
            body.Append("<text x=\"0\" y=\"").Append(y + 13).Append("\">").Append(E(WaveName(wave.Key))).Append("</text>");
            var x = (double)labelWidth;
            foreach (var (tone, _, holds) in Groups)
            {
                var n = wave.Count(r => holds(r.Status));
                if (n == 0)
                {
                    continue;
                }

                var w = (double)width * n / total;
                body.Append(string.Create(CultureInfo.InvariantCulture, $"<rect class=\"{tone}\" data-wave=\"{wave.Key}\" data-count=\"{n}\" x=\"{x:0.##}\" y=\"{y}\" width=\"{Math.Max(w, 1):0.##}\" height=\"{barHeight}\"><title>{n} {E(tone)}</title></rect>"));
                x += w;
            }

            y += barHeight + gap;
            remaining -= wave.Count(r => CampaignStatus.IsFinal(r.Status));
        }

        body.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\">{remaining} of {report.Repositories.Count} still to finish</text>"));
        body.Append("</svg><ul class=\"legend\">");
        foreach (var (tone, label, _) in Groups)
        {
            body.Append("<li><span class=\"swatch ").Append(tone).Append("\"></span>").Append(E(label)).Append("</li>");
        }

        body.Append("</ul><table class=\"waves\" id=\"waves\"><thead><tr><th>wave</th><th>done</th><th>failed</th><th>running</th><th>left</th><th>still to finish</th></tr></thead><tbody>");
        var left = report.Repositories.Count;
        foreach (var wave in waves)
        {
            left -= wave.Count(r => CampaignStatus.IsFinal(r.Status));
            body.Append(string.Create(CultureInfo.InvariantCulture, $"<tr data-wave=\"{wave.Key}\"><td>{E(WaveName(wave.Key))}</td><td>{wave.Count(r => Groups[0].Holds(r.Status))}</td><td>{wave.Count(r => Groups[1].Holds(r.Status))}</td><td>{wave.Count(r => Groups[2].Holds(r.Status))}</td><td>{wave.Count(r => Groups[3].Holds(r.Status) || Groups[4].Holds(r.Status))}</td><td>{left}</td></tr>"));
        }

        body.Append("</tbody></table></section>");
    }

    private static void AppendRepositories(StringBuilder body, CampaignReport report, Func<string, string> reviewLink)
    {
        var pullRequests = report.PullRequests is not null;
        body.Append("<section data-part=\"repositories\"><h2>Repositories</h2><table class=\"repos\" id=\"repositories\"><thead><tr><th>repository</th><th>wave</th><th>status</th><th>turns</th><th>cost</th><th>session</th>")
            .Append(pullRequests ? "<th>pull request</th>" : "").Append("<th>message</th></tr></thead><tbody>");
        foreach (var r in report.Repositories)
        {
            body.Append("<tr data-repository=\"").Append(E(r.Repository)).Append("\" data-status=\"").Append(E(r.Status)).Append("\"><td class=\"repo\">").Append(E(r.Repository)).Append("</td>")
                .Append("<td class=\"num\" data-label=\"wave\">").Append(r.Wave.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(RepositoryBadge(r.Status)).Append("</td>")
                .Append("<td class=\"num\" data-label=\"turns\">").Append(r.Turns.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"num\" data-label=\"cost\">$").Append(r.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td>");
            if (r.SessionId is not null)
            {
                body.Append("<a class=\"review\" href=\"").Append(E(reviewLink(r.SessionId))).Append("\">review</a>");
            }

            body.Append("</td>");
            if (pullRequests)
            {
                body.Append("<td class=\"pr\" data-label=\"pull request\">").Append(PullRequestCell(r.PullRequest)).Append("</td>");
            }

            body.Append("<td class=\"message\">").Append(E(r.Message)).Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    /// <summary>A link to the pull request (only an http(s) address) with its state: merged, closed, or its last checks.</summary>
    private static string PullRequestCell(CampaignPullRequest? pullRequest)
    {
        if (pullRequest is null)
        {
            return "";
        }

        var (tone, label) = pullRequest.State switch
        {
            CampaignPullRequest.Merged => ("ok", "merged"),
            CampaignPullRequest.Closed => ("muted", "closed"),
            _ => pullRequest.Checks switch
            {
                CampaignPullRequest.Green => ("ok", "checks passed"),
                CampaignPullRequest.Failing => ("bad", "checks failed"),
                _ => ("busy", "checks pending"),
            },
        };
        var link = pullRequest.Url is { Scheme: "https" or "http" } url
            ? $"<a class=\"pull-request\" href=\"{E(url.AbsoluteUri)}\" rel=\"noreferrer\">{E(url.Segments[^1])}</a> "
            : "";
        return $"{link}<span class=\"badge {tone}\" data-pr-state=\"{E(pullRequest.State)}\">{E(label)}</span>";
    }

    /// <summary>A session status as the review page shows it; a repository not started yet is grey, not red.</summary>
    private static string RepositoryBadge(string status) => status switch
    {
        CampaignStatus.Pending => $"<span class=\"badge muted\" data-status=\"{E(status)}\">waiting</span>",
        CampaignStatus.Skipped => $"<span class=\"badge muted\" data-status=\"{E(status)}\">skipped</span>",
        _ => StatusBadge(status),
    };

    private static string CampaignBadge(string status)
    {
        var tone = status switch
        {
            CampaignStatus.Completed => "ok",
            CampaignStatus.Running => "busy",
            CampaignStatus.Paused or CampaignStatus.Cancelled => "muted",
            _ => "bad",
        };
        return $"<span class=\"badge {tone}\" id=\"campaign-status\" data-status=\"{E(status)}\">{E(status)}</span>";
    }

    private static string WaveName(int wave) => wave == 0 ? "canary" : string.Create(CultureInfo.InvariantCulture, $"wave {wave}");
}
