using Honk.Delivery.GitHub;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>The review pages under <c>/review</c>. Nothing is readable without a valid signed link or login token.</summary>
internal static class ReviewEndpoints
{
    public const string LoginCookie = "honk_login";
    private const string NotFoundPage = "<h1>Not found</h1><p>This link is not valid (it may have expired). Ask for a new one.</p>";

    public static IResult Login(HttpContext http, ServerRuntime runtime)
    {
        var token = http.Request.Query["t"].ToString();
        if (runtime.Links.ValidateLogin(token) is null)
        {
            return Html(HtmlLayout.Page("Sign in", "<h1>Sign in</h1><p>This login link is not valid or has expired.</p>"), StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(LoginCookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/review", MaxAge = runtime.Options.ReviewLinkLifetime,
        });
        return Results.Redirect("/review", permanent: false);
    }

    public static async Task<IResult> ListAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway)
    {
        var login = http.Request.Cookies[LoginCookie];
        var subject = runtime.Links.ValidateLogin(login);
        if (subject is null)
        {
            return Html(HtmlLayout.Page("Sign in", "<h1>Sign in</h1><p>Open the login link that <code>honk serve</code> printed, or a review link you were sent.</p>"), StatusCodes.Status401Unauthorized);
        }

        var sessions = await gateway.ListAsync(100, http.RequestAborted).ConfigureAwait(false);
        return Html(ReviewPages.List(sessions, s => $"/review/{Uri.EscapeDataString(s.Id)}"));
    }

    public static async Task<IResult> SessionAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway)
    {
        var (view, subject, token) = await AuthorizeAsync(id, http.Request.Query["t"].ToString(), http, runtime, gateway).ConfigureAwait(false);
        if (view is null)
        {
            return Html(HtmlLayout.Page("Not found", NotFoundPage), StatusCodes.Status404NotFound);
        }

        var diff = view.State == SessionState.Completed ? await gateway.GetDiffAsync(id, http.RequestAborted).ConfigureAwait(false) : null;
        diff = diff is null ? null : runtime.Redactor.Redact(diff);
        view = view with { Task = new CodingTask(runtime.Redactor.Redact(view.Task.Goal)) { Title = view.Task.Title is { } title ? runtime.Redactor.Redact(title) : null } };
        var approval = await gateway.GetEffectAsync(id, "approve", http.RequestAborted).ConfigureAwait(false);
        var notice = http.Request.Query["notice"].ToString();
        var checks = PullRequestChecksStream.Initial(view, http.RequestServices.GetService<PullRequestCheckBoard>());
        var page = ReviewPages.Session(view, diff, approval, token!, runtime.MayApprove(subject!, view.Source.Requester), notice.Length == 0 ? null : notice, checks);
        return Html(page);
    }

    public static async Task EventsAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway)
    {
        var (view, _, _) = await AuthorizeAsync(id, http.Request.Query["t"].ToString(), http, runtime, gateway).ConfigureAwait(false);
        if (view is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await EventStream.WriteAsync(http, gateway, id, http.RequestAborted).ConfigureAwait(false);
    }

    public static async Task PullRequestChecksAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway)
    {
        var (view, _, _) = await AuthorizeAsync(id, http.Request.Query["t"].ToString(), http, runtime, gateway).ConfigureAwait(false);
        if (view is null || http.RequestServices.GetService<PullRequestCheckBoard>() is not { } board)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await PullRequestChecksStream.WriteAsync(http, board, PullRequestChecksStream.WatchedSessionId(view), http.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<IResult> ApproveAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (view, subject, token, _, refusal) = await AuthorizeActionAsync(id, http, runtime, gateway, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = view!.Result;
        if (result is not { Status: SessionStatus.Succeeded, Branch: not null })
        {
            return Back(id, token!, "Only a succeeded session with a branch can be approved.");
        }

        EffectOutcome outcome;
        try
        {
            outcome = await gateway.RunEffectOnceAsync(
                id, "approve", async ct => PullRequestApproval.Find(result) is { } pr && http.RequestServices.GetService<GitHubClient>() is { } github
                    ? await PullRequestApproval.MergeAsync(
                        github, runtime.Options.Approval, pr,
                        await ApprovableHeadAsync(http, github, runtime, id, result, pr, ct).ConfigureAwait(false), subject!, ct).ConfigureAwait(false)
                    : await runtime.Merger.MergeAsync(view.Repository, result.Branch, subject!, result.Commit, ct).ConfigureAwait(false),
                http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            outcome = new EffectOutcome(false, ex.Message);
        }

        if (!outcome.Succeeded)
        {
            ServerLog.ApprovalFailed(logger, id, subject!, outcome.Detail);
            return Back(id, token!, "Approval failed: " + outcome.Detail);
        }

        ServerLog.Approved(logger, id, subject!, outcome.Detail);
        return Back(id, token!, outcome.AlreadyDone ? "Already approved." : "Approved.");
    }

    private static async Task<string?> ApprovableHeadAsync(HttpContext http, GitHubClient github, ServerRuntime runtime, string id, SessionResult result, GitHubPullRequestReference pr, CancellationToken ct)
    {
        try
        {
            return await PullRequestApproval.ApprovableHeadAsync(http.RequestServices.GetService<Honk.Hosting.HonkHost>(), github, runtime.Options.PullRequests, id, result, pr, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GitHubApiException or HttpRequestException)
        {
            throw new InvalidOperationException($"GitHub could not be asked about {pr}: {ex.Message}", ex);
        }
    }

    public static async Task<IResult> RequestChangesAsync(string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger<ServerRuntime> logger)
    {
        var (view, subject, token, form, refusal) = await AuthorizeActionAsync(id, http, runtime, gateway, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var comment = form!["comment"].ToString().Trim();
        if (comment.Length == 0 || comment.Length > 4000)
        {
            return Back(id, token!, "Write what should change (at most 4000 characters).");
        }

        if (view!.Result is null)
        {
            return Back(id, token!, "The session is still running.");
        }

        var task = new CodingTask($"{view.Task.Goal}\n\nA reviewer asked for changes:\n{comment}")
        {
            Title = view.Task.Title, Requester = subject, AllowedPaths = view.Task.AllowedPaths, Budget = view.Task.Budget,
        };
        var origin = view.Source with { Kind = "review", Requester = subject! };
        var followUp = await gateway.SubmitAsync(
            new SessionSubmission(view.Repository, task, origin) { BaseRef = view.Result.Branch, ParentSessionId = id }, http.RequestAborted).ConfigureAwait(false);
        ServerLog.ChangesRequested(logger, id, subject!, followUp.Id);
        var link = runtime.ReviewUrl(http.Request, followUp.Id, subject!);
        return Results.Redirect(link.PathAndQuery, permanent: false);
    }

    private static async Task<(SessionView? View, string? Subject, string? Token)> AuthorizeAsync(
        string id, string queryToken, HttpContext http, ServerRuntime runtime, ISessionGateway gateway)
    {
        var token = queryToken.Length > 0 ? queryToken : http.Request.Cookies[LoginCookie];
        var subject = runtime.Links.ValidateForSession(id, token);
        if (subject is null)
        {
            return (null, null, null);
        }

        var view = await gateway.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        return (view, subject, token);
    }

    /// <summary>
    /// An action's caller: known from the query's token or the login cookie and allowed to approve before the body is
    /// read (<see cref="PageForm"/>); then the form, capped, must carry the same token.
    /// </summary>
    private static async Task<(SessionView? View, string? Subject, string? Token, IFormCollection? Form, IResult? Refusal)> AuthorizeActionAsync(
        string id, HttpContext http, ServerRuntime runtime, ISessionGateway gateway, ILogger logger)
    {
        if (!PageForm.IsUrlEncoded(http.Request))
        {
            return (null, null, null, null, Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
        }

        var (view, subject, token) = await AuthorizeAsync(id, PageForm.CallerToken(http.Request) ?? "\0", http, runtime, gateway).ConfigureAwait(false);
        if (view is null)
        {
            ServerLog.Refused(logger, "review", "no valid token for the session", 404);
            return (null, null, null, null, NotFound());
        }

        if (!runtime.MayApprove(subject!, view.Source.Requester))
        {
            ServerLog.Refused(logger, "review", $"{subject} may not approve session {id}", 403);
            return (null, null, null, null, Html(HtmlLayout.Page("Not allowed", "<h1>Not allowed</h1><p>You are not on the list of people who may approve this session.</p>"), StatusCodes.Status403Forbidden));
        }

        var (form, status) = await PageForm.ReadAsync(http.Request, token!, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (form is null)
        {
            ServerLog.Refused(logger, "review", status == StatusCodes.Status404NotFound ? "the form does not repeat the caller's token" : "unreadable or too large form", status);
            return (null, null, null, null, status == StatusCodes.Status404NotFound ? NotFound() : Results.StatusCode(status));
        }

        return (view, subject, token, form, null);
    }

    private static IResult NotFound() => Html(HtmlLayout.Page("Not found", NotFoundPage), StatusCodes.Status404NotFound);

    private static IResult Back(string id, string token, string notice)
        => Results.Redirect($"/review/{Uri.EscapeDataString(id)}?t={Uri.EscapeDataString(token)}&notice={Uri.EscapeDataString(notice)}", permanent: false);

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
