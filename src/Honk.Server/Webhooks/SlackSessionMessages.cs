using System.Text.Json;
using Honk.Delivery.Slack;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Server;

/// <summary>
/// Posts a session's Slack messages at most once, across crashes: each message is an effect in the session's ledger
/// (begun before posting, done with the message's <c>ts</c> after), and carries metadata naming the session and the
/// effect. When a message's effect was begun and never finished (the host died between posting and recording), or an
/// earlier attempt failed after Slack may have posted, the message is first looked for by its metadata
/// (<c>conversations.replies</c> / <c>conversations.history</c>) and only posted when Slack does not have it.
/// </summary>
internal sealed class SlackSessionMessages(IServiceProvider services)
{
    // One post at a time: messages are few, and two callers for the same effect must not both decide to post.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether messages can be posted (a Slack client with a bot token is registered).</summary>
    public bool Enabled => services.GetService<SlackClient>() is not null;

    private ISessionStore? Store => services.GetService<HonkHost>()?.Store;

    /// <summary>Posts the message once for (session, key); returns its <c>ts</c> (from an earlier attempt when there was one).</summary>
    public async Task<string?> PostOnceAsync(string sessionId, string key, SlackMessage message, CancellationToken cancellationToken)
    {
        var slack = services.GetService<SlackClient>() ?? throw new InvalidOperationException("No Slack client is registered.");
        message = message with { Metadata = SlackMessageMetadata.ForSession(sessionId, key) };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Store is not { } store)
            {
                // An embedding with its own session gateway (no Honk host): its effects ledger keeps the message at most once.
                var outcome = await services.GetRequiredService<ISessionGateway>().RunEffectOnceAsync(
                    sessionId, key, async ct => (await slack.PostMessageAsync(message, ct).ConfigureAwait(false)).Ts ?? "", cancellationToken).ConfigureAwait(false);
                return outcome.Succeeded && outcome.Detail.Length > 0 ? outcome.Detail : null;
            }

            var earlier = await store.GetEffectAsync(sessionId, key, cancellationToken).ConfigureAwait(false);
            if (earlier is { State: EffectState.Succeeded })
            {
                return Ts(earlier);
            }

            if (earlier is null or { State: EffectState.Failed })
            {
                await store.TryBeginEffectAsync(sessionId, key, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                // A first attempt has nothing to find; any earlier one may have posted before it died or failed.
                var posted = earlier is null
                    ? await slack.PostMessageAsync(message, cancellationToken).ConfigureAwait(false)
                    : await slack.PostMessageOnceAsync(message, cancellationToken).ConfigureAwait(false);
                await store.CompleteEffectAsync(sessionId, key, true, JsonSerializer.Serialize(posted.Ts ?? ""), CancellationToken.None).ConfigureAwait(false);
                return posted.Ts;
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
            {
                await store.CompleteEffectAsync(sessionId, key, false, JsonSerializer.Serialize(ex.Message), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The <c>ts</c> of a message posted for (session, key), or null when it was not (yet) posted.</summary>
    public async Task<string?> PostedTsAsync(string sessionId, string key, CancellationToken cancellationToken)
        => Store is { } store && await store.GetEffectAsync(sessionId, key, cancellationToken).ConfigureAwait(false) is { State: EffectState.Succeeded } done ? Ts(done) : null;

    private static string? Ts(EffectRecord record)
        => record.OutcomeJson is { } json && JsonSerializer.Deserialize<string>(json) is { Length: > 0 } ts ? ts : null;
}
