using Honk.Campaigns.RabbitMq;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Server.Campaigns;

/// <summary>Campaigns in the host whose jobs run on <c>honk worker</c> processes through RabbitMQ, with state in PostgreSQL.</summary>
public static class HonkCampaignsRabbitMqExtensions
{
    /// <summary>
    /// Adds campaigns whose state is in PostgreSQL (shared with the workers) and whose jobs the host queues on RabbitMQ
    /// instead of running them itself: the host's controller enqueues waves and applies the gate, the budget and the
    /// bulk actions; <c>honk worker --broker … --store … --queue …</c> processes (same broker, store and queue) run the
    /// sessions. Campaigns started here record the queue, so a worker on another queue refuses their jobs.
    /// </summary>
    /// <param name="services">The service collection (with <c>AddHonkHosting()</c>).</param>
    /// <param name="broker">The broker and queue; the queue must be the workers' <c>--queue</c>.</param>
    /// <param name="postgresConnectionString">The PostgreSQL database the workers record outcomes in (their <c>--store</c>).</param>
    /// <param name="configure">Adjusts the other settings.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddHonkCampaignsOnRabbitMq(this IServiceCollection services, RabbitMqCampaignOptions broker, string postgresConnectionString, Action<HonkCampaignsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgresConnectionString);
        broker.Validate();
        var (store, dataSource) = PostgreSqlCampaignStore.Create(postgresConnectionString);

        // The container disposes the data source with the host.
        services.AddSingleton(dataSource);
        services.AddSingleton(store);
        return HonkCampaignsServiceCollectionExtensions.AddCampaignsCore(services, o =>
        {
            configure?.Invoke(o);
            o.JobQueue = broker.Queue;
            o.Dispatcher = async (_, cancellationToken) => await RabbitMqCampaignDispatcher.ConnectAsync(broker, cancellationToken: cancellationToken).ConfigureAwait(false);
        });
    }
}
