using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Honk.Campaigns.RabbitMq;

/// <summary>
/// A worker: takes repository jobs from the durable queue (manual ack, prefetch), runs each through a
/// <see cref="CampaignJobProcessor"/>, and acknowledges only once the outcome is stored. A worker that dies mid-job
/// never acknowledges, so the broker hands the job to another worker; one started too often is dead-lettered.
/// </summary>
public sealed class RabbitMqCampaignWorker
{
    private readonly RabbitMqCampaignOptions _options;
    private readonly CampaignJobProcessor _processor;

    /// <summary>Creates the worker.</summary>
    /// <param name="options">The broker and queues.</param>
    /// <param name="processor">Runs a job and records its outcome.</param>
    public RabbitMqCampaignWorker(RabbitMqCampaignOptions options, CampaignJobProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processor);
        _options = options;
        _processor = processor;
    }

    /// <summary>Raised after each job message is settled (acknowledged or dead-lettered), with its outcome.</summary>
    public event EventHandler<CampaignJobOutcome>? JobSettled;

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
                await RabbitMqTopology.DeclareAsync(channel, _options, cancellationToken).ConfigureAwait(false);
                await channel.BasicQosAsync(0, _options.Prefetch, false, cancellationToken).ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, cancellationToken);
                await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
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

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
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
            outcome = await _processor.ProcessAsync(message.Campaign, message.Position, cancellationToken).ConfigureAwait(false);
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
}
