using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using static Honk.Server.HtmlLayout;

namespace Honk.Server;

/// <summary>
/// The pull request's checks on the review page: rendered with the page, then streamed as server-sent events
/// (<c>GET /review/{id}/pr-checks</c>, event <c>pr_checks</c>) whenever the watcher sees a change, so check runs appear
/// and turn green or red without a reload. A fix or rebase round's page shows its pull request's (its parent's) checks.
/// </summary>
internal static class PullRequestChecksStream
{
    /// <summary>The session whose pull request a page shows: a round's parent, else the session itself.</summary>
    public static string WatchedSessionId(SessionView view)
        => view.ParentSessionId is { } parent && (view.Id.StartsWith(parent + "-fix-", StringComparison.Ordinal) || view.Id.StartsWith(parent + "-rebase-", StringComparison.Ordinal))
            ? parent
            : view.Id;

    /// <summary>What the page shows first: the board's latest, a "waiting" state for a delivered pull request, or nothing.</summary>
    public static PullRequestChecks? Initial(SessionView view, PullRequestCheckBoard? board)
    {
        if (board is null)
        {
            return null;
        }

        var watched = WatchedSessionId(view);
        if (board.Get(watched) is { } latest)
        {
            return latest;
        }

        return view.Result is { } result && PullRequestApproval.FindDelivery(result) is { } pr && PullRequestApproval.Find(result) is { } reference
            ? new PullRequestChecks { SessionId = watched, PullRequest = reference.ToString(), Url = pr.Url, State = "pending" }
            : null;
    }

    public static async Task WriteAsync(HttpContext http, PullRequestCheckBoard board, string sessionId, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 5000\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        long version = 0;
        try
        {
            while (true)
            {
                var checks = await board.WaitForChangeAsync(sessionId, version, cancellationToken).ConfigureAwait(false);
                version = checks.Version;
                await response.WriteAsync($"id: {version.ToString(CultureInfo.InvariantCulture)}\nevent: pr_checks\ndata: {Json(checks)}\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (checks.State is "merged" or "closed")
                {
                    await response.WriteAsync("event: end\ndata: {}\n\n", cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    /// <summary>The page's section; honk.js re-renders its list from each <c>pr_checks</c> event the same way.</summary>
    public static string Section(PullRequestChecks checks)
    {
        var html = new StringBuilder("<section class=\"pr-checks\" id=\"pr-checks\"><h2>Pull request ");
        html.Append(checks.Url is { } url ? $"<a href=\"{E(url.ToString())}\">{E(checks.PullRequest)}</a>" : E(checks.PullRequest)).Append("</h2>");
        html.Append("<p class=\"pr-state ").Append(E(checks.State)).Append("\" id=\"pr-state\">").Append(E(StateText(checks))).Append("</p><ul id=\"pr-check-list\">");
        foreach (var check in checks.Checks)
        {
            html.Append("<li class=\"check ").Append(check.Outcome).Append("\"><span class=\"icon\" aria-hidden=\"true\">")
                .Append(check.Outcome switch { "passed" => "✓", "failed" => "✗", _ => "…" }).Append("</span><b>")
                .Append(check.Url is { } link ? $"<a href=\"{E(link.ToString())}\">{E(check.Name)}</a>" : E(check.Name))
                .Append("</b> <span class=\"detail\">").Append(E(check.State)).Append("</span></li>");
        }

        return html.Append("</ul></section>").ToString();
    }

    private static string StateText(PullRequestChecks checks)
    {
        var head = checks.Head is { Length: >= 7 } sha ? " on " + sha[..7] : "";
        return checks.State switch
        {
            "green" => "Every check passed" + head + ".",
            "failing" => "Checks failed" + head + ".",
            "conflicting" => "Conflicts with its base: Honk is rebasing.",
            "merged" => "Merged.",
            "closed" => "Closed without merging.",
            _ => checks.Checks.Count == 0 ? "Waiting for checks" + head + "…" : "Checks running" + head + "…",
        };
    }

    private static string Json(PullRequestChecks checks) => JsonSerializer.Serialize(new
    {
        sessionId = checks.SessionId,
        pullRequest = checks.PullRequest,
        url = checks.Url,
        state = checks.State,
        stateText = StateText(checks),
        head = checks.Head,
        version = checks.Version,
        checks = checks.Checks.Select(c => new { name = c.Name, state = c.State, outcome = c.Outcome, url = c.Url }),
    });
}
