using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>POST /slack/commands and /slack/events: verify, acknowledge at once, work in the background, answer in the thread.</summary>
internal static class SlackEndpoints
{
    public static async Task<IResult> CommandAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway, IReplayGuard replay, ILogger<ServerRuntime> logger)
    {
        var (body, refusal) = await VerifyAsync(http, runtime, logger, "slack/commands").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SlackSlashCommand.TryParse(Encoding.UTF8.GetString(body!), out var command))
        {
            return Refuse(logger, "slack/commands", "malformed slash command", StatusCodes.Status400BadRequest);
        }

        // Slack gives every invocation its own trigger_id: the same one again is a replay even when re-signed with a new
        // timestamp. Without one, what is signed (timestamp and body) identifies an identical replay — not the signature
        // header, whose hex digits verify in either letter case, so "ABC…" would pass as a new request.
        var signed = Encoding.UTF8.GetBytes(http.Request.Headers["X-Slack-Request-Timestamp"].ToString() + ":").Concat(body!).ToArray();
        var replayKey = string.IsNullOrEmpty(command!.TriggerId)
            ? "slack-command:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed))
            : "slack-trigger:" + command.TriggerId;
        if (!await replay.TryRecordAsync(replayKey, runtime.Options.ReplayWindow, http.RequestAborted).ConfigureAwait(false))
        {
            return Refuse(logger, "slack/commands", "replayed request", StatusCodes.Status409Conflict);
        }

        var requester = "slack:" + command.UserId;
        if (!runtime.Options.Access.MayTrigger(requester))
        {
            ServerLog.Refused(logger, "slack/commands", $"{requester} is not allowed to trigger", 200);
            return Ephemeral("Sorry, you are not on Honk's list of people who may start tasks.");
        }

        if (SlackPlanning.IsPlanCommand(command.Text, out var planText))
        {
            return SlackPlanning.Begin(http, runtime, command, planText, requester, logger);
        }

        if (!TryResolve(runtime.Options, command.Text, out var repository, out var task))
        {
            return Ephemeral($"Usage: {command.Command} [repository] <task>. Repositories: {string.Join(", ", runtime.Options.Repositories.Keys)}");
        }

        var origin = new SessionSource { Kind = "slack", Requester = requester, SlackChannel = command.ChannelId };
        var view = await gateway.SubmitAsync(new SessionSubmission(repository, new CodingTask(task) { Requester = requester }, origin), http.RequestAborted).ConfigureAwait(false);
        ServerLog.Queued(logger, view.Id, "slack", requester, repository);
        var link = runtime.ReviewUrl(http.Request, view.Id, requester);
        await ScheduleReplyAsync(http, view, link, command.ChannelId, threadTs: null, announce: $"<@{command.UserId}> asked: {SlackEscape.Text(task)}").ConfigureAwait(false);
        return Results.Json(new { response_type = "ephemeral", text = $"On it (session {view.Id}). I will answer in this channel: {link}" });
    }

    public static async Task<IResult> EventAsync(HttpContext http, ServerRuntime runtime, ISessionGateway gateway, IReplayGuard replay, ILogger<ServerRuntime> logger)
    {
        var (body, refusal) = await VerifyAsync(http, runtime, logger, "slack/events").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SlackEventRequest.TryParse(body, out var request))
        {
            return Refuse(logger, "slack/events", "malformed event", StatusCodes.Status400BadRequest);
        }

        if (request!.Kind == SlackEventKind.UrlVerification)
        {
            return Results.Json(new { challenge = request.Challenge });
        }

        // Slack retries an event it thinks was missed; the first delivery already started the work: 200 at once.
        if (request.EventId is null || !await replay.TryRecordAsync("slack-event:" + request.EventId, runtime.Options.ReplayWindow, http.RequestAborted).ConfigureAwait(false))
        {
            ServerLog.ReplayAcknowledged(logger, "Slack", request.EventId ?? "(no id)");
            return Results.Ok();
        }

        // A reply (or mention) in the thread of a planning conversation answers it.
        if (request.Kind is SlackEventKind.AppMention or SlackEventKind.ThreadMessage
            && await SlackPlanning.TryHandleReplyAsync(http, runtime, request, logger).ConfigureAwait(false))
        {
            return Results.Ok();
        }

        if (request.Kind != SlackEventKind.AppMention)
        {
            return Results.Ok();
        }

        var requester = "slack:" + request.UserId;

        // A mention in the thread of a running session steers it instead of starting another.
        if (await SlackSteering.TryHandleAsync(http, runtime, gateway, request, requester, logger).ConfigureAwait(false))
        {
            return Results.Ok();
        }

        if (!runtime.Options.Access.MayTrigger(requester))
        {
            ServerLog.Refused(logger, "slack/events", $"{requester} is not allowed to trigger", 200);
            return Results.Ok();
        }

        var text = HonkMention.FromSlackMention(request.Text ?? "");
        if (text is null || !TryResolve(runtime.Options, text, out var repository, out var task))
        {
            ServerLog.Refused(logger, "slack/events", "no task or repository in the mention", 200);
            return Results.Ok();
        }

        var origin = new SessionSource { Kind = "slack", Requester = requester, SlackChannel = request.ChannelId, SlackThreadTs = request.ThreadTs };
        var view = await gateway.SubmitAsync(new SessionSubmission(repository, new CodingTask(task) { Requester = requester }, origin), http.RequestAborted).ConfigureAwait(false);
        ServerLog.Queued(logger, view.Id, "slack", requester, repository);
        await ScheduleReplyAsync(http, view, runtime.ReviewUrl(http.Request, view.Id, requester), request.ChannelId!, request.ThreadTs, announce: null).ConfigureAwait(false);
        return Results.Ok();
    }

    internal static bool TryResolve(HonkServerOptions options, string text, out string repository, out string task)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t', '\n']);
        var first = space < 0 ? text : text[..space];
        if (space > 0 && options.Repositories.TryGetValue(first, out var named))
        {
            repository = named;
            task = text[(space + 1)..].Trim();
        }
        else
        {
            repository = options.DefaultRepository ?? "";
            task = text;
        }

        return repository.Length > 0 && task.Length > 0;
    }

    /// <summary>Answers in Slack when the session ends (and announces a slash command's task now), each message once, even across a restart.</summary>
    internal static Task ScheduleReplyAsync(HttpContext http, SessionView view, Uri link, string channel, string? threadTs, string? announce)
        => http.RequestServices.GetRequiredService<SlackReplies>().ScheduleAsync(view.Id, new SlackReplyPlan(channel, threadTs, announce, link.ToString()), http.RequestAborted);

    internal static string ResultText(SessionView view, Uri link)
    {
        var r = view.Result!;
        var summary = string.IsNullOrWhiteSpace(r.Summary) ? r.Message : r.Summary;
        var files = r.ChangedFiles.Count == 1 ? "1 file" : $"{r.ChangedFiles.Count.ToString(CultureInfo.InvariantCulture)} files";
        return $"{(r.IsSuccess ? "✅" : "❌")} *{r.Status.ToWireName()}*: {SlackEscape.Text(view.Task.Title ?? view.Task.Goal)}\n"
            + (summary is null ? "" : SlackEscape.Text(summary) + "\n")
            + $"{files} changed · {r.Turns.ToString(CultureInfo.InvariantCulture)} turns · ${r.Usage.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)}\n"
            + $"<{link}|Review and approve>";
    }

    private static async Task<(byte[]? Body, IResult? Refusal)> VerifyAsync(HttpContext http, ServerRuntime runtime, ILogger logger, string endpoint)
    {
        if (runtime.Slack is null)
        {
            return (null, Results.NotFound());
        }

        var body = await RequestBody.ReadAsync(http.Request, runtime.Options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Refuse(logger, endpoint, "body too large", StatusCodes.Status413PayloadTooLarge));
        }

        var check = runtime.Slack.Verify(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body);
        return check switch
        {
            WebhookCheck.Valid => (body, null),
            WebhookCheck.Stale => (null, Refuse(logger, endpoint, "stale timestamp", StatusCodes.Status401Unauthorized)),
            WebhookCheck.Missing => (null, Refuse(logger, endpoint, "missing signature headers", StatusCodes.Status401Unauthorized)),
            _ => (null, Refuse(logger, endpoint, "bad signature", StatusCodes.Status401Unauthorized)),
        };
    }

    private static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });

    private static IResult Refuse(ILogger logger, string endpoint, string reason, int status)
    {
        ServerLog.Refused(logger, endpoint, reason, status);
        return Results.Problem(statusCode: status, title: reason);
    }
}
