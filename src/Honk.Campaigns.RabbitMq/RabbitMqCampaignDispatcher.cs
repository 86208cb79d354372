using System.Globalization;
using RabbitMQ.Client;

namespace Honk.Campaigns.RabbitMq;

/// <summary>
/// The controller's side: publishes one persistent job per repository to the durable queue and waits for the broker's
/// confirm, so a job the controller counts as queued survives a broker restart.
/// </summary>
public sealed class RabbitMqCampaignDispatcher : ICampaignDispatcher, IAsyncDisposable
{
    private readonly RabbitMqCampaignOptions _options;
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly TimeProvider _time;

    private RabbitMqCampaignDispatcher(RabbitMqCampaignOptions options, IConnection connection, IChannel channel, TimeProvider time)
    {
        _options = options;
        _connection = connection;
        _channel = channel;
        _time = time;
    }

    /// <summary>Connects to the broker and declares the queues.</summary>
    /// <param name="options">The broker and queues.</param>
    /// <param name="timeProvider">The clock for waits; the system clock when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>The dispatcher.</returns>
    public static async Task<RabbitMqCampaignDispatcher> ConnectAsync(RabbitMqCampaignOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var connection = await RabbitMqTopology.Factory(options, "honk-campaign-controller").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            await RabbitMqTopology.DeclareAsync(channel, options, cancellationToken).ConfigureAwait(false);
            return new RabbitMqCampaignDispatcher(options, connection, channel, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DispatchAsync(string campaignId, int position, CancellationToken cancellationToken = default)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            MessageId = CampaignStore.SessionIdOf(campaignId, position),
            Type = "honk.campaign.job",
            Timestamp = new AmqpTimestamp(_time.GetUtcNow().ToUnixTimeSeconds()),
        };

        // With confirmation tracking, the call returns once the broker has the message (persisted) and throws if not.
        await _channel.BasicPublishAsync(string.Empty, _options.Queue, mandatory: true, properties, new CampaignJobMessage(campaignId, position).ToBytes(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task WaitForProgressAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
        => Task.Delay(timeout, _time, cancellationToken);

    /// <summary>How many jobs wait in the queue (for progress displays and benchmarks).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    public async Task<long> CountQueuedAsync(CancellationToken cancellationToken = default)
        => Convert.ToInt64(await _channel.MessageCountAsync(_options.Queue, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
