using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Honk.Campaigns.RabbitMq;

/// <summary>
/// A worker: takes repository jobs from the durable queue (manual ack, prefetch), runs each through a
/// <see cref="CampaignJobProcessor"/>, and acknowledges only once the outcome is stored. A worker that dies mid-job
/// never acknowledges, so the broker hands the job to another worker; one started too often is dead-lettered.
/// A job this worker cannot run correctly — its campaign is not in this worker's store, or belongs on another queue —
/// is never run: it goes back to the queue for a worker that can, and to the dead-letter queue once workers have
/// refused it <see cref="RabbitMqCampaignOptions.MaxRefusals"/> times.
/// </summary>
public sealed class RabbitMqCampaignWorker
{
    /// <summary>The message header that counts refusals across the fleet (a requeued message carries no count of its own).</summary>
    public const string RefusalsHeader = "x-honk-refusals";

    private readonly RabbitMqCampaignOptions _options;
    private readonly CampaignJobProcessor _processor;

    /// <summary>Creates the worker.</summary>
    /// <param name="options">The broker and queues.</param>
    /// <param name="processor">Runs a job and records its outcome.</param>
    public RabbitMqCampaignWorker(RabbitMqCampaignOptions options, CampaignJobProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processor);
        options.Validate();
        _options = options;
        _processor = processor;
    }

    /// <summary>Raised after each job message is settled (acknowledged or dead-lettered), with its outcome.</summary>
    public event EventHandler<CampaignJobOutcome>? JobSettled;

    /// <summary>Raised when this worker refuses a job it cannot run correctly (after returning or dead-lettering it).</summary>
    public event EventHandler<CampaignJobRefusal>? JobRefused;

    /// <summary>Raised once the worker consumes from its queue.</summary>
    public event EventHandler? Ready;

    /// <summary>Takes and runs jobs until cancelled.</summary>
    /// <param name="cancellationToken">Stops taking jobs; running sessions are cancelled and their jobs go back to the queue.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var factory = RabbitMqTopology.Factory(_options, $"honk-worker-{Environment.MachineName}-{Environment.ProcessId}");
        var connection = await ConnectAsync(factory, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: _options.Prefetch), cancellationToken).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                // Refused jobs are published back with their count on a channel with confirms, before the original is acknowledged.
                var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
                await using (publisher.ConfigureAwait(false))
                {
                    await RabbitMqTopology.DeclareAsync(channel, _options, cancellationToken).ConfigureAwait(false);
                    await channel.BasicQosAsync(0, _options.Prefetch, false, cancellationToken).ConfigureAwait(false);
                    var consumer = new AsyncEventingBasicConsumer(channel);
                    consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, publisher, delivery, cancellationToken);
                    await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
                    Ready?.Invoke(this, EventArgs.Empty);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Stopping: unacknowledged jobs return to the queue when the channel closes.
                    }
                }
            }
        }
    }

    /// <summary>A worker outlives a broker that is still starting or restarting: it keeps trying, a little slower each time.</summary>
    private static async Task<IConnection> ConnectAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, IChannel publisher, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var message = CampaignJobMessage.TryParse(delivery.Body.Span);
        if (message is null)
        {
            // Not a job this worker understands: keep it for a person, out of the way.
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        CampaignJobOutcome outcome;
        try
        {
            if (await WhyNotRunnableAsync(message, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                await RefuseAsync(channel, publisher, delivery, message, reason, cancellationToken).ConfigureAwait(false);
                return;
            }

            outcome = await _processor.ProcessAsync(message.Campaign, message.Position, cancellationToken).ConfigureAwait(false);
            if (outcome == CampaignJobOutcome.Unknown)
            {
                await RefuseAsync(channel, publisher, delivery, message, NotInStore(message), cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store or the broker failed, not the session: let another attempt (here or elsewhere) try again.
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (outcome == CampaignJobOutcome.GaveUp)
        {
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
        }

        JobSettled?.Invoke(this, outcome);
    }

    /// <summary>Why this worker would run the job wrongly, or <see langword="null"/> when it can run it.</summary>
    private async Task<string?> WhyNotRunnableAsync(CampaignJobMessage message, CancellationToken cancellationToken)
    {
        var spec = await _processor.GetSpecAsync(message.Campaign, cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            return NotInStore(message);
        }

        var queue = spec.JobQueue ?? RabbitMqCampaignOptions.DefaultQueue;
        return string.Equals(queue, _options.Queue, StringComparison.Ordinal)
            ? null
            : $"campaign {message.Campaign} queues its jobs on '{queue}', but this worker takes jobs from '{_options.Queue}': whoever put it here is misconfigured";
    }

    private static string NotInStore(CampaignJobMessage message)
        => $"campaign {message.Campaign} is not in this worker's store: the controller that queued it uses another --store (a worker must share the controller's store and queue)";

    /// <summary>
    /// Returns a job this worker must not run — after a pause, so a lone misconfigured worker does not spin on it — to
    /// the queue with its refusal count, or dead-letters it once workers have refused it too often.
    /// </summary>
    private async Task RefuseAsync(IChannel channel, IChannel publisher, BasicDeliverEventArgs delivery, CampaignJobMessage message, string reason, CancellationToken cancellationToken)
    {
        var refusals = RefusalsOf(delivery.BasicProperties) + 1;
        await Task.Delay(_options.RefusalPause, cancellationToken).ConfigureAwait(false);
        var deadLetter = refusals >= _options.MaxRefusals;
        if (deadLetter)
        {
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            var headers = delivery.BasicProperties.Headers is { } old ? new Dictionary<string, object?>(old) : [];
            headers[RefusalsHeader] = refusals;
            var properties = new BasicProperties(delivery.BasicProperties) { Headers = headers };

            // Published (and confirmed) before the original is acknowledged: a crash in between duplicates the job,
            // which the store's guarded start makes harmless, rather than losing it.
            await publisher.BasicPublishAsync(string.Empty, _options.Queue, mandatory: true, properties, delivery.Body, CancellationToken.None).ConfigureAwait(false);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
        }

        JobRefused?.Invoke(this, new CampaignJobRefusal(message.Campaign, message.Position, reason, refusals, deadLetter));
    }

    private static int RefusalsOf(IReadOnlyBasicProperties properties)
    {
        if (properties.Headers is null || !properties.Headers.TryGetValue(RefusalsHeader, out var value))
        {
            return 0;
        }

        return value switch
        {
            int count => count,
            long count => (int)Math.Min(count, int.MaxValue),
            byte[] text when int.TryParse(Encoding.UTF8.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) => count,
            _ => 0,
        };
    }
}
