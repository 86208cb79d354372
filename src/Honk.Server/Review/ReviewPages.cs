using System.Globalization;
using System.Text;
using static Honk.Server.HtmlLayout;

namespace Honk.Server;

/// <summary>Renders the review pages: the session list and one session (summary, checks, diff, live log, actions).</summary>
internal static class ReviewPages
{
    public static string List(IReadOnlyList<SessionView> sessions, Func<SessionView, string> link)
    {
        var body = new StringBuilder("<h1>Sessions</h1>");
        if (sessions.Count == 0)
        {
            body.Append("<p class=\"muted\">No sessions yet.</p>");
        }

        body.Append("<ul class=\"sessions\">");
        foreach (var s in sessions)
        {
            body.Append("<li><a class=\"session\" href=\"").Append(E(link(s))).Append("\">")
                .Append("<span class=\"title\">").Append(E(s.Task.Title ?? s.Task.Goal)).Append("</span>")
                .Append(StatusBadge(s.StatusName))
                .Append("<span class=\"meta\">").Append(E(s.Source.Requester)).Append(" · ")
                .Append(E(s.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</span></a></li>");
        }

        return Page("Sessions", body.Append("</ul>").ToString());
    }

    public static string Session(SessionView s, string? diff, EffectOutcome? approval, string token, bool mayApprove, string? notice, PullRequestChecks? pullRequest = null)
    {
        var r = s.Result;
        var body = new StringBuilder();
        body.Append("<article class=\"session-page\" data-session=\"").Append(E(s.Id)).Append("\" data-token=\"").Append(E(token)).Append("\">");
        body.Append("<h1>").Append(E(s.Task.Title ?? FirstLine(s.Task.Goal))).Append("</h1>");
        body.Append("<p class=\"status-line\">").Append(StatusBadge(s.StatusName)).Append(" <span class=\"muted\">").Append(E(s.Id)).Append("</span></p>");
        if (notice is not null)
        {
            body.Append("<p class=\"notice\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        body.Append("<dl class=\"facts\">")
            .Append(Fact("Task", s.Task.Goal))
            .Append(Fact("Repository", s.Repository))
            .Append(Fact("Asked by", s.Source.Requester));
        if (s.ParentSessionId is not null)
        {
            body.Append(Fact("Follows up", s.ParentSessionId));
        }

        if (r is not null)
        {
            body.Append(Fact("Branch", r.Branch ?? "—"))
                .Append(Fact("Cost", $"${r.Usage.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)} · {r.Turns} turns · {r.Usage.InputTokens + r.Usage.OutputTokens} tokens"));
        }

        body.Append("</dl>");
        if (r is not null)
        {
            if (!string.IsNullOrWhiteSpace(r.Summary ?? r.Message))
            {
                body.Append("<section><h2>Summary</h2><p class=\"summary\">").Append(E(r.Summary ?? r.Message)).Append("</p></section>");
            }

            body.Append(Checks(r));
            if (pullRequest is not null)
            {
                body.Append(PullRequestChecksStream.Section(pullRequest));
            }
        }

        if (diff is not null)
        {
            body.Append(Diff(diff));
        }

        body.Append(Actions(s, approval, token, mayApprove));
        body.Append(SteeringPage.Box(s, token));
        body.Append("<section><details class=\"log-box\"").Append(r is null ? " open" : "").Append("><summary><h2>Live log</h2></summary>")
            .Append("<ol id=\"log\" class=\"log\" aria-live=\"polite\"></ol></details></section>");
        return Page(s.Task.Title ?? "Session", body.Append("</article>").ToString(), script: "honk.js");
    }

    private static string Checks(SessionResult r)
    {
        var html = new StringBuilder("<section class=\"checks\"><h2>Checks</h2><ul>");
        if (r.Validators.Count == 0)
        {
            html.Append("<li class=\"muted\">No validators ran.</li>");
        }

        foreach (var v in r.Validators)
        {
            var outcome = v.Result.Outcome switch { ValidationOutcome.Passed => "passed", ValidationOutcome.Skipped => "skipped", _ => "failed" };
            html.Append("<li class=\"check ").Append(outcome).Append("\"><span class=\"icon\" aria-hidden=\"true\">")
                .Append(outcome switch { "passed" => "✓", "skipped" => "–", _ => "✗" }).Append("</span><b>")
                .Append(E(v.Name)).Append("</b> <span class=\"sr\">").Append(outcome).Append("</span><span class=\"detail\">").Append(E(v.Summary)).Append("</span></li>");
        }

        if (r.Verdict is { } verdict)
        {
            html.Append("<li class=\"check ").Append(verdict.Approved ? "passed" : "failed").Append("\"><span class=\"icon\" aria-hidden=\"true\">")
                .Append(verdict.Approved ? "✓" : "✗").Append("</span><b>judge</b> <span class=\"sr\">").Append(verdict.Approved ? "approved" : "vetoed")
                .Append("</span><span class=\"detail\">").Append(E(verdict.Feedback ?? (verdict.Approved ? "approved" : "vetoed"))).Append("</span></li>");
        }

        return html.Append("</ul></section>").ToString();
    }

    private static string Diff(string diff)
    {
        var files = DiffFile.Parse(diff);
        var html = new StringBuilder("<section class=\"diff\"><h2>Changes <span class=\"muted\">")
            .Append(files.Count).Append(files.Count == 1 ? " file" : " files").Append("</span></h2>");
        if (files.Count == 0)
        {
            html.Append("<p class=\"muted\">No changes.</p>");
        }

        foreach (var file in files)
        {
            html.Append("<details class=\"file\" open><summary><span class=\"path\">").Append(E(file.Path)).Append("</span> <span class=\"stat\"><span class=\"add\">+")
                .Append(file.Added).Append("</span> <span class=\"del\">−").Append(file.Removed).Append("</span></span></summary><pre class=\"code\"><code>");
            foreach (var line in file.Lines)
            {
                var (css, rest) = line.Length == 0 ? ("ctx", "") : line[0] switch
                {
                    '+' => ("add", line[1..]),
                    '-' => ("del", line[1..]),
                    '@' => ("hunk", line),
                    _ => ("ctx", line[1..]),
                };
                var marker = css switch { "add" => "+", "del" => "-", _ => " " };
                html.Append("<span class=\"ln ").Append(css).Append("\">");
                html.Append(css == "hunk" ? E(rest) : E(marker) + SyntaxHighlighter.Highlight(rest));
                html.Append("</span>");
            }

            html.Append("</code></pre></details>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Actions(SessionView s, EffectOutcome? approval, string token, bool mayApprove)
    {
        var html = new StringBuilder("<section class=\"actions\"><h2>Review</h2>");
        if (approval is { Succeeded: true })
        {
            return html.Append("<p class=\"approved\" id=\"approval\">✓ Approved: ").Append(E(approval.Detail)).Append("</p></section>").ToString();
        }

        if (s.Result is null)
        {
            return html.Append("<p class=\"muted\">The session is still running; this page updates when it ends.</p></section>").ToString();
        }

        if (!mayApprove)
        {
            return html.Append("<p class=\"muted\">You may read this session but not approve it.</p></section>").ToString();
        }

        var id = Uri.EscapeDataString(s.Id);
        if (s.Result.Status == SessionStatus.Succeeded && s.Result.Branch is not null)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(PageForm.Action($"/review/{id}/approve", token))).Append("\"><input type=\"hidden\" name=\"t\" value=\"").Append(E(token))
                .Append("\"><button class=\"primary\" id=\"approve\" type=\"submit\">Approve and merge</button></form>");
        }

        html.Append("<form method=\"post\" action=\"").Append(E(PageForm.Action($"/review/{id}/changes", token))).Append("\" class=\"changes\"><input type=\"hidden\" name=\"t\" value=\"").Append(E(token))
            .Append("\"><label for=\"comment\">Request changes</label><textarea id=\"comment\" name=\"comment\" rows=\"3\" required maxlength=\"4000\" placeholder=\"What should change?\"></textarea>")
            .Append("<button id=\"request-changes\" type=\"submit\">Request changes</button></form>");
        return html.Append("</section>").ToString();
    }

    private static string Fact(string name, string value) => $"<dt>{E(name)}</dt><dd>{E(value)}</dd>";

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
