using System.Globalization;
using Honk.Delivery.GitHub;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>POST /github/webhook: verify, refuse replays, start a session for <c>@honk &lt;task&gt;</c>, answer with a comment; check and pull-request events wake the pull-request watcher.</summary>
internal static class GitHubEndpoints
{
    private const string Endpoint = "github/webhook";

    public static async Task<IResult> WebhookAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway, IReplayGuard replay, ILogger<ServerRuntime> logger)
    {
        if (runtime.GitHub is null)
        {
            return Results.NotFound();
        }

        var body = await RequestBody.ReadAsync(http.Request, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(logger, "body too large", StatusCodes.Status413PayloadTooLarge);
        }

        var check = runtime.GitHub.Verify(http.Request.Headers["X-Hub-Signature-256"], body);
        if (check != WebhookCheck.Valid)
        {
            return Refuse(logger, check == WebhookCheck.Missing ? "missing signature" : "bad signature", StatusCodes.Status401Unauthorized);
        }

        var eventName = http.Request.Headers["X-GitHub-Event"].ToString();
        var delivery = http.Request.Headers["X-GitHub-Delivery"].ToString();
        if (eventName.Length == 0 || delivery.Length == 0 || delivery.Length > 100)
        {
            return Refuse(logger, "missing X-GitHub-Event or X-GitHub-Delivery", StatusCodes.Status400BadRequest);
        }

        if (!await replay.TryRecordAsync("github:" + delivery, runtime.Options.ReplayWindow, http.RequestAborted).ConfigureAwait(false))
        {
            return Refuse(logger, $"replayed delivery {delivery}", StatusCodes.Status409Conflict);
        }

        if (eventName == "ping")
        {
            return Results.Ok(new { ok = true });
        }

        if (GitHubPullRequestActivity.IsWatchEvent(eventName))
        {
            if (!GitHubPullRequestActivity.TryParse(eventName, body, out var watchedRepository, out var headSha))
            {
                return Refuse(logger, $"malformed {eventName} payload", StatusCodes.Status400BadRequest);
            }

            // The watcher reads the pull request's state from the API; the event only says "look now".
            var watch = http.RequestServices.GetService<PullRequestWatchService>();
            watch?.Wake();
            return Results.Accepted(value: new { watching = watch?.Watcher is not null, repository = watchedRepository, head = headSha });
        }

        if (eventName != "issue_comment")
        {
            return Results.Accepted(value: new { ignored = $"event {eventName}" });
        }

        if (!GitHubIssueCommentEvent.TryParse(body, out var comment))
        {
            return Refuse(logger, "malformed issue_comment payload", StatusCodes.Status400BadRequest);
        }

        var task = comment!.Action == "created" ? HonkMention.FromGitHubComment(comment.Body, runtime.Options.GitHubMention) : null;
        if (task is null)
        {
            return Results.Accepted(value: new { ignored = "no mention" });
        }

        // X-GitHub-Delivery is a header the signature does not cover: a captured delivery sent again under a new id is
        // the same signed comment. A comment starts work once (two hooks delivering it too), and never once it is older
        // than the window in which its id is remembered.
        if (comment.CreatedAt < runtime.TimeProvider.GetUtcNow() - runtime.Options.ReplayWindow)
        {
            return Refuse(logger, $"comment {comment.CommentId.ToString(CultureInfo.InvariantCulture)} was written {comment.CreatedAt:u}, before the replay window", StatusCodes.Status409Conflict);
        }

        if (!await replay.TryRecordAsync($"github-comment:{comment.RepositoryFullName}:{comment.CommentId.ToString(CultureInfo.InvariantCulture)}", runtime.Options.ReplayWindow, http.RequestAborted).ConfigureAwait(false))
        {
            return Refuse(logger, $"comment {comment.CommentId.ToString(CultureInfo.InvariantCulture)} was delivered before", StatusCodes.Status409Conflict);
        }

        var requester = "github:" + comment.Login;
        if (!runtime.Options.Access.MayTrigger(requester))
        {
            return Refuse(logger, $"{requester} is not allowed to trigger", StatusCodes.Status403Forbidden);
        }

        var decision = runtime.Repositories.ResolveGitHub(comment);
        if (decision.Repository is not { } repository)
        {
            return Refuse(logger, decision.Error!, decision.Status);
        }

        var origin = new SessionSource { Kind = "github", Requester = requester, GitHubRepository = comment.RepositoryFullName, GitHubIssue = comment.IssueNumber };
        var title = $"#{comment.IssueNumber.ToString(CultureInfo.InvariantCulture)}: {FirstLine(task)}";
        var view = await gateway.SubmitAsync(new SessionSubmission(repository, new CodingTask(task) { Requester = requester, Title = title }, origin), http.RequestAborted).ConfigureAwait(false);
        ServerLog.Queued(logger, view.Id, "github", requester, repository);

        // Comments can be public: the link carries no token, so the page asks for a login.
        var link = new Uri(runtime.BaseUrl(http.Request), $"review/{Uri.EscapeDataString(view.Id)}");
        if (http.RequestServices.GetService<GitHubClient>() is { } github)
        {
            http.RequestServices.GetRequiredService<ReplyScheduler>().WhenCompleted(view.Id, "github-comment", async (done, ct) =>
            {
                // Posted at most once even across a crash: a comment already carrying the session's marker is the answer.
                var (posted, _) = await github.CreateIssueCommentOnceAsync(comment.Owner, comment.Repository, comment.IssueNumber, CommentBody(done, link), SessionMarker(done.Id), ct).ConfigureAwait(false);
                return $"comment {posted.Id.ToString(CultureInfo.InvariantCulture)}";
            });
        }

        return Results.Accepted(value: new { session = view.Id });
    }

    internal static string CommentBody(SessionView view, Uri link)
    {
        var r = view.Result!;
        var lines = new List<string>
        {
            $"{(r.IsSuccess ? "✅" : "❌")} **{r.Status.ToWireName()}**: {view.Task.Title ?? view.Task.Goal}",
            "",
        };
        if (!string.IsNullOrWhiteSpace(r.Summary ?? r.Message))
        {
            // The model's words in a comment: no @-mention notifies anyone, no "Fixes #1" closes an issue (ADR 0039).
            lines.Add(QuietMarkdown.Neutralise(r.Summary ?? r.Message));
            lines.Add("");
        }

        foreach (var v in r.Validators)
        {
            lines.Add($"- {(v.Passed ? "✅" : "❌")} `{v.Name}`: {QuietMarkdown.Neutralise(v.Summary)}");
        }

        if (r.Branch is not null)
        {
            lines.Add($"Branch: `{r.Branch}`");
        }

        lines.Add($"[Review and approve]({link})");
        lines.Add(SessionMarker(view.Id));
        return string.Join('\n', lines);
    }

    /// <summary>The hidden marker naming the session in a comment (the same as in Honk's pull request bodies).</summary>
    internal static string SessionMarker(string sessionId) => $"<!-- honk-session: {sessionId.Replace("--", "- -", StringComparison.Ordinal)} -->";

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 72 ? line : line[..72];
    }

    private static IResult Refuse(ILogger logger, string reason, int status)
    {
        ServerLog.Refused(logger, Endpoint, reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
