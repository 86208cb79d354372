using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Delivery.Slack;

/// <summary>
/// Tells the requester in Slack how the session ended, in the thread the task came from: status, one-line summary,
/// diff stats, validator results and the link to review. Posts once per session and target: the key is recorded in an
/// <see cref="IDeliveryLedger"/> so a re-delivery does not post again. Run it after the channels that produce the link.
/// </summary>
public sealed class SlackNotificationChannel : DeliveryChannel
{
    /// <summary>The channel's name, <c>slack</c>.</summary>
    public const string ChannelName = "slack";

    private readonly SlackClient _client;
    private readonly SlackNotificationOptions _options;
    private readonly ISlackThreadResolver? _threads;
    private readonly IDeliveryLedger _ledger;
    private readonly ILogger _logger;

    /// <summary>Creates the channel.</summary>
    /// <param name="client">The Slack client.</param>
    /// <param name="options">Where to post and what to link.</param>
    /// <param name="threads">Finds the thread the task came from; without it (or when it finds none) posts to <see cref="SlackNotificationOptions.Channel"/>.</param>
    /// <param name="ledger">Remembers what was posted; an <see cref="InMemoryDeliveryLedger"/> by default.</param>
    /// <param name="logger">A logger.</param>
    public SlackNotificationChannel(
        SlackClient client,
        SlackNotificationOptions options,
        ISlackThreadResolver? threads = null,
        IDeliveryLedger? ledger = null,
        ILogger<SlackNotificationChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _threads = threads;
        _ledger = ledger ?? new InMemoryDeliveryLedger();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public override string Name => ChannelName;

    /// <inheritdoc />
    /// <remarks>A notification: when Slack is down the change itself is still delivered.</remarks>
    public override bool IsRequired => false;

    /// <inheritdoc />
    protected override async ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var thread = _threads is null ? null : await _threads.ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var channel = thread?.Channel ?? _options.Channel;
        if (_options.WebhookUrl is null && string.IsNullOrWhiteSpace(channel))
        {
            return Carry(context, DeliveryResult.Failed(ChannelName, "No Slack channel to post to: the task's thread is unknown and SlackNotificationOptions.Channel is not set."));
        }

        var target = _options.WebhookUrl is not null ? "webhook" + (thread?.ThreadTs is { } t ? "/" + t : "") : $"{channel}/{thread?.ThreadTs}";
        var key = $"{context.IdempotencyKey}:{ChannelName}:{target}";
        if (await _ledger.FindAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            SlackLog.AlreadyPosted(_logger, context.SessionId, key);
            return Carry(context, DeliveryResult.Delivered(ChannelName, $"Already posted to Slack ({Describe(channel, thread)}); not posting again."));
        }

        try
        {
            var diff = await context.Workspace.GetDiffAsync(cancellationToken).ConfigureAwait(false);
            var message = SlackMessageBuilder.Build(context, DiffStats.Parse(diff), _options) with
            {
                Channel = channel,
                ThreadTs = thread?.ThreadTs,
            };
            var posted = _options.WebhookUrl is { } webhook
                ? await _client.PostToWebhookAsync(webhook, message, cancellationToken).ConfigureAwait(false)
                : await _client.PostMessageAsync(message, cancellationToken).ConfigureAwait(false);
            await _ledger.RecordAsync(key, posted.Ts ?? "posted", cancellationToken).ConfigureAwait(false);
            SlackLog.Posted(_logger, context.SessionId, target);
            return Carry(context, DeliveryResult.Delivered(ChannelName, $"Posted to Slack ({Describe(channel, thread)})."));
        }
        catch (SlackApiException ex)
        {
            return Carry(context, DeliveryResult.Failed(ChannelName, $"Could not post to Slack: {ex.Message}"));
        }
        catch (HttpRequestException ex)
        {
            return Carry(context, DeliveryResult.Failed(ChannelName, $"Slack could not be reached: {ex.Message}"));
        }
    }

    private string Describe(string? channel, SlackThread? thread)
        => _options.WebhookUrl is not null
            ? "incoming webhook" + (thread?.ThreadTs is { } ts ? $", thread {ts}" : "")
            : $"channel {channel}" + (thread?.ThreadTs is { } t ? $", thread {t}" : "");

    /// <summary>
    /// A notification runs last; the session result reports the last delivery, so it carries the branch, commit and
    /// review link of the channels before it rather than hiding them.
    /// </summary>
    private static DeliveryResult Carry(DeliveryContext context, DeliveryResult result)
    {
        var delivered = context.Previous.Where(p => p.Succeeded).ToList();
        return result with
        {
            Branch = delivered.LastOrDefault(p => p.Branch is not null)?.Branch ?? context.Result.Branch,
            Commit = delivered.LastOrDefault(p => p.Commit is not null)?.Commit ?? context.Result.Commit,
            Url = delivered.LastOrDefault(p => p.Url is not null)?.Url,
            PatchPath = delivered.LastOrDefault(p => p.PatchPath is not null)?.PatchPath,
        };
    }
}
