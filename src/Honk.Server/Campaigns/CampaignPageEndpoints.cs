using Honk.Campaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Campaigns;

/// <summary>
/// The campaign pages under <c>/review/campaigns</c>, with the review page's access rules: nothing is readable without a
/// signed link (for this campaign) or a login token, and every button posts that token in its form (a cross-site form
/// cannot know it) and needs the right to approve the campaign's sessions.
/// </summary>
internal static class CampaignPageEndpoints
{
    private const string NotFoundPage = "<h1>Not found</h1><p>This link is not valid (it may have expired). Ask for a new one.</p>";

    /// <summary>The signed link to a campaign's page for <paramref name="subject"/>.</summary>
    public static Uri PageUrl(ServerRuntime runtime, HttpRequest request, string campaignId, string subject)
    {
        var token = runtime.Links.CreateSessionToken(Scope(campaignId), subject, runtime.Options.ReviewLinkLifetime);
        return new Uri(runtime.BaseUrl(request), $"review/campaigns/{Uri.EscapeDataString(campaignId)}?t={Uri.EscapeDataString(token)}");
    }

    public static async Task<IResult> ListAsync(HttpContext http, ServerRuntime runtime, HostCampaigns campaigns)
    {
        if (runtime.Links.ValidateLogin(http.Request.Cookies[ReviewEndpoints.LoginCookie]) is null)
        {
            return Html(HtmlLayout.Page("Sign in", "<h1>Sign in</h1><p>Open the login link that <code>honk serve</code> printed, or a campaign link you were sent.</p>"), StatusCodes.Status401Unauthorized);
        }

        return Html(CampaignPages.List(await campaigns.Store.ListAsync(100, http.RequestAborted).ConfigureAwait(false)));
    }

    public static async Task<IResult> PageAsync(string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns)
    {
        if (await LoadAsync(id, http, runtime, campaigns).ConfigureAwait(false) is not { } view)
        {
            return Html(HtmlLayout.Page("Not found", NotFoundPage), StatusCodes.Status404NotFound);
        }

        var notice = http.Request.Query["notice"].ToString();
        return Html(CampaignPages.Campaign(view, notice.Length == 0 ? null : notice));
    }

    /// <summary>
    /// The page's live part (status, counts, bulk actions, burndown, rows) as an HTML fragment, rendered exactly like the
    /// page: <c>campaign.js</c> fetches it every few seconds while the campaign runs and swaps what changed, so the page
    /// follows the campaign without reloading. Same access rules as the page.
    /// </summary>
    public static async Task<IResult> LiveAsync(string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns)
    {
        if (await LoadAsync(id, http, runtime, campaigns).ConfigureAwait(false) is not { } view)
        {
            return Results.NotFound();
        }

        return Html(CampaignPages.Live(view));
    }

    /// <summary>The campaign, its report and what the viewer may do, or null without a valid link or login for it.</summary>
    private static async Task<CampaignPageView?> LoadAsync(string id, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns)
    {
        var token = http.Request.Query["t"].ToString() is { Length: > 0 } t ? t : http.Request.Cookies[ReviewEndpoints.LoginCookie];
        var subject = runtime.Links.ValidateForSession(Scope(id), token);
        var campaign = subject is null ? null : await campaigns.Store.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (campaign is null)
        {
            return null;
        }

        // The page shows repositories a paused campaign has not started as waiting (the JSON rollup calls them
        // skipped), so the burndown counts what is still to do.
        var repositories = await campaigns.Store.ListRepositoriesAsync(id, http.RequestAborted).ConfigureAwait(false);
        var report = campaign.Status == CampaignStatus.Paused
            ? await CampaignPullRequestReader.ReportAsync(campaign with { Status = CampaignStatus.Running }, repositories, campaigns.Sessions, http.RequestAborted).ConfigureAwait(false) with { Status = campaign.Status }
            : await CampaignPullRequestReader.ReportAsync(campaign, repositories, campaigns.Sessions, http.RequestAborted).ConfigureAwait(false);

        // Whoever may see the campaign may open its sessions' review pages: each link is signed for the same subject.
        return new CampaignPageView(
            report,
            token!,
            runtime.MayApprove(subject!, campaign.Spec.Task.Requester),
            sessionId => runtime.ReviewUrl(http.Request, sessionId, subject!).PathAndQuery);
    }

    public static async Task<IResult> ActionAsync(string id, string action, HttpContext http, ServerRuntime runtime, HostCampaigns campaigns, ILogger<HostCampaigns> logger)
    {
        if (!PageForm.IsUrlEncoded(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        // The caller is checked before the body is read (PageForm); the form must then repeat the same token.
        var token = PageForm.CallerToken(http.Request) ?? "";
        var subject = token.Length == 0 ? null : runtime.Links.ValidateForSession(Scope(id), token);
        var campaign = subject is null ? null : await campaigns.Store.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (campaign is null)
        {
            ServerLog.Refused(logger, "review/campaigns", "no valid token for the campaign", 404);
            return Html(HtmlLayout.Page("Not found", NotFoundPage), StatusCodes.Status404NotFound);
        }

        if (!runtime.MayApprove(subject!, campaign.Spec.Task.Requester))
        {
            ServerLog.Refused(logger, "review/campaigns", $"{subject} may not act on campaign {id}", 403);
            return Html(HtmlLayout.Page("Not allowed", "<h1>Not allowed</h1><p>You are not on the list of people who may approve this campaign.</p>"), StatusCodes.Status403Forbidden);
        }

        var (form, status) = await PageForm.ReadAsync(http.Request, token, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (form is null)
        {
            ServerLog.Refused(logger, "review/campaigns", "unreadable, too large, or without the caller's token", status);
            return status == StatusCodes.Status404NotFound ? Html(HtmlLayout.Page("Not found", NotFoundPage), status) : Results.StatusCode(status);
        }

        var refusal = await CampaignActions.RunAsync(campaigns, campaign, action, null, http.RequestAborted).ConfigureAwait(false);
        if (refusal is null)
        {
            CampaignLog.Action(logger, id, action, subject!);
        }

        var notice = refusal ?? action switch
        {
            "approve" => "Next wave approved.",
            "retry" => "Failed repositories will run again.",
            "pause" => "Pausing: no new sessions start.",
            "resume" => "Resumed.",
            _ => "Cancelling: repositories not started are skipped.",
        };
        return Results.Redirect($"/review/campaigns/{Uri.EscapeDataString(id)}?t={Uri.EscapeDataString(token)}&notice={Uri.EscapeDataString(notice)}", permanent: false);
    }

    /// <summary>A campaign's links are signed for this scope; session ids never contain a colon, so they cannot collide.</summary>
    private static string Scope(string campaignId) => "campaign:" + campaignId;

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
