using System.Text.Json;
using Honk.Delivery.Slack;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// The answers to sessions started from Slack: "working on it" (for a slash command, the thread's first message) and
/// the result in the thread once the session ends, each posted once (<see cref="SlackSessionMessages"/>). The plan (where
/// to answer, with which review link) is recorded in the session's ledger as effect <c>slack-reply-plan</c> before the
/// request is acknowledged, so an answer scheduled and not sent when the host died is scheduled again at start.
/// </summary>
internal sealed class SlackReplies(IServiceProvider services, SlackSessionMessages messages, ReplyScheduler scheduler, ILogger<SlackReplies> logger) : BackgroundService
{
    /// <summary>The effect holding a session's reply plan.</summary>
    public const string PlanKey = "slack-reply-plan";

    /// <summary>The effect of the "working on it" message a slash command's thread starts with.</summary>
    public const string AnnounceKey = "slack-announce";

    /// <summary>The effect of the result message.</summary>
    public const string ReplyKey = "slack-reply";

    /// <summary>How many of the newest sessions are looked at for unsent replies at start.</summary>
    public const int RecoveryWindow = 200;

    /// <summary>Records the plan, then answers: the announcement now (when there is one), the result when the session ends.</summary>
    public async Task ScheduleAsync(string sessionId, SlackReplyPlan plan, CancellationToken cancellationToken)
    {
        if (!messages.Enabled)
        {
            return;
        }

        if (services.GetService<HonkHost>()?.Store is { } store && await store.TryBeginEffectAsync(sessionId, PlanKey, cancellationToken).ConfigureAwait(false))
        {
            await store.CompleteEffectAsync(sessionId, PlanKey, true, JsonSerializer.Serialize(plan), CancellationToken.None).ConfigureAwait(false);
        }

        Start(sessionId, plan);
    }

    /// <summary>The thread a session's messages go to: where it was asked, or its announcement.</summary>
    public async Task<(string Channel, string? ThreadTs)?> ThreadAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        if (session.Request.Origin is not SlackOrigin origin)
        {
            return null;
        }

        return (origin.Channel, origin.ThreadTs ?? await messages.PostedTsAsync(session.Id, AnnounceKey, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>At start: schedules again every planned reply of the newest sessions that was not sent.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!messages.Enabled || services.GetService<HonkHost>() is not { } host)
        {
            return;
        }

        try
        {
            foreach (var session in await host.ListAsync(new SessionQuery { Limit = RecoveryWindow }, stoppingToken).ConfigureAwait(false))
            {
                if (session.Request.Origin is not SlackOrigin
                    || await host.Store.GetEffectAsync(session.Id, PlanKey, stoppingToken).ConfigureAwait(false) is not { State: EffectState.Succeeded, OutcomeJson: { } json }
                    || await host.Store.GetEffectAsync(session.Id, ReplyKey, stoppingToken).ConfigureAwait(false) is { State: EffectState.Succeeded })
                {
                    continue;
                }

                if (JsonSerializer.Deserialize<SlackReplyPlan>(json) is { } plan)
                {
                    ServerLog.ReplyRescheduled(logger, session.Id);
                    Start(session.Id, plan);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the look finished: the next start looks again.
        }
    }

    private void Start(string sessionId, SlackReplyPlan plan)
    {
        var link = new Uri(plan.Link);
        scheduler.AfterCompleted(sessionId, ReplyKey, async (done, ct) =>
        {
            var thread = await ThreadTsAsync(sessionId, plan, link, ct).ConfigureAwait(false);
            await messages.PostOnceAsync(sessionId, ReplyKey, new SlackMessage { Channel = plan.Channel, ThreadTs = thread, Text = SlackEndpoints.ResultText(done, link) }, ct).ConfigureAwait(false);
        });

        if (plan.Announce is not null)
        {
            // Announce now, not when the session ends; the reply above finds the announcement (or posts it) itself.
            _ = Task.Run(async () =>
            {
                try
                {
                    await ThreadTsAsync(sessionId, plan, link, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failed announcement is logged; the reply posts it again before answering.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    ServerLog.ReplyFailed(logger, ex, AnnounceKey, sessionId);
                }
            });
        }
    }

    private async Task<string?> ThreadTsAsync(string sessionId, SlackReplyPlan plan, Uri link, CancellationToken ct)
        => plan.Announce is null
            ? plan.ThreadTs
            : await messages.PostOnceAsync(sessionId, AnnounceKey, new SlackMessage { Channel = plan.Channel, Text = $"{plan.Announce}\nWorking on it: {link}" }, ct).ConfigureAwait(false);
}

/// <summary>Where and how a Slack-started session is answered.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="ThreadTs">The thread (a mention's), or null when the announcement starts one.</param>
/// <param name="Announce">The announcement's first line (a slash command's), or null.</param>
/// <param name="Link">The review link the answers carry.</param>
internal sealed record SlackReplyPlan(string Channel, string? ThreadTs, string? Announce, string Link);
