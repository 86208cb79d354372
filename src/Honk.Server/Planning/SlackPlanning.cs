using Honk.Delivery.Slack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// <c>/honk plan [repository] &lt;request&gt;</c>: a planning conversation in a Slack thread. The app opens the thread,
/// posts the planner's questions there; the requester's replies in the thread (plain replies or mentions) answer them.
/// The draft task file is posted; <c>start</c> hands it to a session (whose result comes to the same thread),
/// anything else sends it back as what should change, <c>cancel</c> gives up.
/// </summary>
internal static class SlackPlanning
{
    public static bool IsPlanCommand(string text, out string rest)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("plan", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("plan ", StringComparison.OrdinalIgnoreCase))
        {
            rest = trimmed[4..].Trim();
            return true;
        }

        rest = "";
        return false;
    }

    public static IResult Begin(HttpContext http, ServerRuntime runtime, SlackSlashCommand command, string text, string requester, ILogger logger)
    {
        if (!SlackEndpoints.TryResolve(runtime.Options, text, out var repository, out var request))
        {
            return Ephemeral($"Usage: {command.Command} plan [repository] <request>. Repositories: {string.Join(", ", runtime.Options.Repositories.Keys)}");
        }

        var planning = http.RequestServices.GetRequiredService<HostPlanning>();
        var slack = http.RequestServices.GetService<SlackClient>();
        if (slack is null || planning.Unavailable is not null)
        {
            ServerLog.Refused(logger, "slack/commands", "planning needs a Slack bot token and Honk's composition", 200);
            return Ephemeral("Planning in Slack needs the app's bot token (to talk in a thread) and Honk's composition in the host.");
        }

        var baseUrl = runtime.BaseUrl(http.Request);
        var plan = planning.Begin(repository, request, requester, async (plan, ct) =>
        {
            // The thread first, so that no question can be posted before there is a thread to post it in.
            var opened = await slack.PostMessageAsync(new SlackMessage
            {
                Channel = command.ChannelId,
                Text = $"<@{command.UserId}> is planning: {SlackEscape.Text(request)}\nI will read the repository and ask here; answer in this thread.",
            }, ct).ConfigureAwait(false);
            plan.SlackChannel = command.ChannelId;
            plan.SlackThreadTs = opened.Ts;
            var thread = new SlackPlanThread(slack, runtime, baseUrl, plan, logger);
            plan.Changed += thread.OnChanged;
        });
        return Ephemeral($"Planning ({plan.Id}): I will ask my questions in a thread in this channel.");
    }

    /// <summary>A person's message in a planning thread: true when it belonged to one (handled, or ignored as not the requester's).</summary>
    public static async Task<bool> TryHandleReplyAsync(HttpContext http, ServerRuntime runtime, SlackEventRequest request, ILogger logger)
    {
        if (request.ChannelId is null || request.ThreadTs is null
            || http.RequestServices.GetRequiredService<HostPlanning>().FindBySlackThread(request.ChannelId, request.ThreadTs) is not { } plan)
        {
            return false;
        }

        var sender = "slack:" + request.UserId;
        if (!string.Equals(sender, plan.Requester, StringComparison.Ordinal))
        {
            ServerLog.Refused(logger, "slack/events", $"{sender} may not answer plan {plan.Id}: only its requester may", 200);
            return true;
        }

        // A mention in a thread comes as an app_mention and as a message with the same ts: act once.
        if (request.MessageTs is { } ts && !plan.FirstSightOfSlackMessage(ts))
        {
            return true;
        }

        var text = (request.Kind == SlackEventKind.AppMention ? HonkMention.FromSlackMention(request.Text ?? "") : request.Text)?.Trim() ?? "";
        if (text.Length is 0 or > Steering.SteeringMessage.MaxLength)
        {
            return true;
        }

        switch (plan.Stage)
        {
            case PlanStage.Question:
                plan.Answer(text);
                break;
            case PlanStage.Draft when text.Equals("start", StringComparison.OrdinalIgnoreCase):
                var planning = http.RequestServices.GetRequiredService<HostPlanning>();
                var source = new SessionSource { Kind = "slack", Requester = plan.Requester, SlackChannel = plan.SlackChannel, SlackThreadTs = plan.SlackThreadTs };
                var started = await planning.StartAsync(plan, plan.Draft ?? "", source, http.RequestAborted).ConfigureAwait(false);
                if (started.Session is { } view)
                {
                    // The session's result comes to the same thread, like any Slack-started session's.
                    await SlackEndpoints.ScheduleReplyAsync(http, view, runtime.ReviewUrl(http.Request, view.Id, plan.Requester), plan.SlackChannel!, plan.SlackThreadTs, announce: null).ConfigureAwait(false);
                }

                break;
            case PlanStage.Draft when text.Equals("cancel", StringComparison.OrdinalIgnoreCase):
                http.RequestServices.GetRequiredService<HostPlanning>().Decline(plan);
                break;
            case PlanStage.Draft:
                plan.Revise(text);
                break;
        }

        return true;
    }

    private static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });
}

/// <summary>Posts a plan's questions, drafts and end to its Slack thread, one post at a time and in order.</summary>
internal sealed class SlackPlanThread(SlackClient slack, ServerRuntime runtime, Uri baseUrl, HostedPlan plan, ILogger logger)
{
    private readonly Lock _gate = new();
    private Task _posting = Task.CompletedTask;
    private string? _lastPosted;

    public void OnChanged(HostedPlan changed)
    {
        var text = changed.Stage switch
        {
            PlanStage.Question => $"❓ {SlackEscape.Text(changed.Question ?? "")}\n_Reply in this thread._",
            PlanStage.Draft => $"Here is the task file:\n```\n{SlackEscape.Text(changed.Draft ?? "")}\n```\nReply `start` to run it, `cancel` to give up, or say what should change.",
            PlanStage.Started => $"▶️ Started session {changed.SessionId}: <{ReviewUrl(changed.SessionId!)}|follow it on its review page>. I will answer here when it ends.",
            PlanStage.Failed => $"❌ {SlackEscape.Text(changed.Error ?? "Planning failed.")}",
            PlanStage.Declined => "Given up: no task file.",
            _ => null,
        };
        lock (_gate)
        {
            // Every change raises the event; the same question or draft is posted once.
            if (text is null || text == _lastPosted)
            {
                return;
            }

            _lastPosted = text;
            _posting = _posting.ContinueWith(_ => PostAsync(text), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task PostAsync(string text)
    {
        try
        {
            await slack.PostMessageAsync(new SlackMessage { Channel = plan.SlackChannel, ThreadTs = plan.SlackThreadTs, Text = text }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ServerLog.PlanningReplyFailed(logger, ex, plan.Id);
        }
    }

    private Uri ReviewUrl(string sessionId)
    {
        var token = runtime.Links.CreateSessionToken(sessionId, plan.Requester, runtime.Options.ReviewLinkLifetime);
        return new Uri(baseUrl, $"review/{Uri.EscapeDataString(sessionId)}?t={Uri.EscapeDataString(token)}");
    }
}
