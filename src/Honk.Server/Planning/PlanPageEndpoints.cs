using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// The planning page under <c>/review/plan</c>, for a signed-in person (the login cookie of <c>/review</c>): a one-line
/// request for a repository, the planner's questions answered on the page, the draft task file shown for editing and
/// checked by the task-file parser, and Start, which hands it to a background session and links its review page.
/// Actions carry the login token in the form (never the cookie alone), like the review page's.
/// </summary>
internal static class PlanPageEndpoints
{
    /// <summary>How often the page reloads while the planner reads (a header, so no script is needed).</summary>
    private const string RefreshSeconds = "2";

    public static IResult New(HttpContext http, ServerRuntime runtime)
    {
        if (Subject(http, runtime) is not { } signedIn)
        {
            return SignIn();
        }

        return Html(PlanPages.New(signedIn.Token, runtime.Options.Repositories.Keys.Order(StringComparer.Ordinal), http.Request.Query["notice"].ToString()));
    }

    public static async Task<IResult> BeginAsync(HttpContext http, ServerRuntime runtime, HostPlanning planning, ILogger<ServerRuntime> logger)
    {
        var (subject, token, form) = await FormSubjectAsync(http, runtime).ConfigureAwait(false);
        if (subject is null)
        {
            return SignIn();
        }

        if (!MayPlan(subject, runtime))
        {
            ServerLog.Refused(logger, "review/plan", $"{subject} may not start sessions", 403);
            return Html(HtmlLayout.Page("Not allowed", "<h1>Not allowed</h1><p>You are not on Honk's list of people who may start tasks.</p>"), StatusCodes.Status403Forbidden);
        }

        var request = form!["request"].ToString().Trim();
        var repositoryText = form["repository"].ToString().Trim();
        if (request.Length == 0 || repositoryText.Length == 0)
        {
            return Back("/review/plan", "Name a repository and say what should change.");
        }

        if (planning.Unavailable is { } missing)
        {
            return Back("/review/plan", missing);
        }

        var decision = runtime.Repositories.Resolve(repositoryText);
        if (decision.Repository is not { } repository)
        {
            ServerLog.Refused(logger, "review/plan", decision.Error!, decision.Status);
            return Back("/review/plan", decision.Error!);
        }

        var plan = planning.Begin(repository, request, subject);
        return Results.Redirect("/review/plan/" + Uri.EscapeDataString(plan.Id), permanent: false);
    }

    public static IResult Show(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
    {
        if (Subject(http, runtime) is not { } signedIn)
        {
            return SignIn();
        }

        if (Own(id, signedIn.Subject, planning) is not { } plan)
        {
            return NotFound();
        }

        if (plan.Stage == PlanStage.Reading)
        {
            http.Response.Headers["Refresh"] = RefreshSeconds;
        }

        var notice = http.Request.Query["notice"].ToString();
        return Html(PlanPages.Conversation(plan, signedIn.Token, ReviewUrl(http, runtime, plan), notice.Length == 0 ? null : notice));
    }

    public static Task<IResult> AnswerAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
        => ActAsync(id, http, runtime, planning, (plan, form) => plan.Answer(form["text"].ToString()) ? "Answered." : "No question waits any more.");

    public static Task<IResult> ChangesAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
        => ActAsync(id, http, runtime, planning, (plan, form) => plan.Revise(form["text"].ToString()) ? "Sent back to the planner." : "No draft waits any more.");

    public static Task<IResult> DeclineAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
        => ActAsync(id, http, runtime, planning, (plan, _) => planning.Decline(plan) ? "Given up." : "The plan is already over.");

    public static async Task<IResult> StartAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning)
    {
        var (subject, token, form) = await FormSubjectAsync(http, runtime).ConfigureAwait(false);
        if (subject is null)
        {
            return SignIn();
        }

        if (Own(id, subject, planning) is not { } plan)
        {
            return NotFound();
        }

        var content = form!["content"].ToString();
        var started = await planning.StartAsync(plan, content, new SessionSource { Kind = "review", Requester = plan.Requester }, http.RequestAborted).ConfigureAwait(false);
        if (started.Problems is { } problems)
        {
            // The edited text stays in the box with the parser's problems above it, each naming its line.
            return Html(PlanPages.Conversation(plan, token!, null, null, content, problems), StatusCodes.Status400BadRequest);
        }

        return Back(PagePath(plan), started.Session is null ? "No draft waits any more." : "Started.");
    }

    /// <summary>A person who may start sessions may plan them: a triggerer or an approver.</summary>
    private static bool MayPlan(string subject, ServerRuntime runtime) => runtime.Options.Access.MayTrigger(subject) || runtime.MayApprove(subject, null);

    private static async Task<IResult> ActAsync(string id, HttpContext http, ServerRuntime runtime, HostPlanning planning, Func<HostedPlan, IFormCollection, string> act)
    {
        var (subject, _, form) = await FormSubjectAsync(http, runtime).ConfigureAwait(false);
        if (subject is null)
        {
            return SignIn();
        }

        if (Own(id, subject, planning) is not { } plan)
        {
            return NotFound();
        }

        var notice = act(plan, form!);
        return Back(PagePath(plan), notice);
    }

    private static HostedPlan? Own(string id, string subject, HostPlanning planning)
        => planning.Find(id) is { } plan && string.Equals(plan.Requester, subject, StringComparison.Ordinal) ? plan : null;

    private static Uri? ReviewUrl(HttpContext http, ServerRuntime runtime, HostedPlan plan)
        => plan.SessionId is { } session ? runtime.ReviewUrl(http.Request, session, plan.Requester) : null;

    private static (string Subject, string Token)? Subject(HttpContext http, ServerRuntime runtime)
    {
        var token = http.Request.Cookies[ReviewEndpoints.LoginCookie];
        return runtime.Links.ValidateLogin(token) is { } subject ? (subject, token!) : null;
    }

    /// <summary>
    /// The signed-in person of a form post, known from the login cookie (or <c>?t=</c>) before the body is read
    /// (<see cref="PageForm"/>); the form, capped, must repeat the login token, so a cross-site form cannot act.
    /// </summary>
    private static async Task<(string? Subject, string? Token, IFormCollection? Form)> FormSubjectAsync(HttpContext http, ServerRuntime runtime)
    {
        var token = PageForm.CallerToken(http.Request);
        if (!PageForm.IsUrlEncoded(http.Request) || runtime.Links.ValidateLogin(token) is not { } subject)
        {
            return (null, null, null);
        }

        var (form, _) = await PageForm.ReadAsync(http.Request, token!, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        return form is null ? (null, null, null) : (subject, token, form);
    }

    private static string PagePath(HostedPlan plan) => "/review/plan/" + Uri.EscapeDataString(plan.Id);

    private static IResult Back(string path, string notice) => Results.Redirect($"{path}?notice={Uri.EscapeDataString(notice)}", permanent: false);

    private static IResult SignIn() => Html(HtmlLayout.Page("Sign in", "<h1>Sign in</h1><p>Open the login link that <code>honk serve</code> printed to plan a task.</p>"), StatusCodes.Status401Unauthorized);

    private static IResult NotFound() => Html(HtmlLayout.Page("Not found", "<h1>Not found</h1><p>There is no such plan of yours (plans live in the host process that runs them).</p>"), StatusCodes.Status404NotFound);

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
