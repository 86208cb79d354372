using RabbitMQ.Client;

namespace Honk.Campaigns.RabbitMq;

/// <summary>Declares the durable job queue and its dead-letter queue; the same declaration from controller and workers.</summary>
internal static class RabbitMqTopology
{
    public static async Task DeclareAsync(IChannel channel, RabbitMqCampaignOptions options, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(options.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            // A rejected job (nack without requeue) goes to the dead-letter queue through the default exchange.
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = options.DeadLetterQueue,
        };
        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static ConnectionFactory Factory(RabbitMqCampaignOptions options, string name) => new()
    {
        Uri = options.Broker,
        ClientProvidedName = name,
        AutomaticRecoveryEnabled = true,
    };
}
