using Honk.Campaigns.RabbitMq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Server.Campaigns;

/// <summary>
/// <c>honk serve</c>'s campaign settings from configuration (<c>Honk:Campaigns:Broker</c>, <c>:Store</c>, <c>:Queue</c>;
/// e.g. the variables <c>Honk__Campaigns__Broker</c>, <c>Honk__Campaigns__Store</c>, <c>Honk__Campaigns__Queue</c>).
/// </summary>
internal static class HonkCampaignsConfiguration
{
    /// <summary>Registers campaigns on RabbitMQ + PostgreSQL when a broker is configured.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="section">The <c>Honk:Campaigns</c> section.</param>
    /// <param name="hostModel">The host's model (<c>Honk:Model</c>), recorded with each campaign so every worker uses it.</param>
    /// <returns>Whether it did (otherwise the host runs campaign jobs itself).</returns>
    /// <exception cref="InvalidOperationException">A broker without a store, or a bad broker URL or queue name.</exception>
    public static bool TryAddOnRabbitMq(IServiceCollection services, IConfigurationSection section, string? hostModel)
    {
        var broker = section["Broker"];
        if (string.IsNullOrWhiteSpace(broker))
        {
            return false;
        }

        var store = section["Store"];
        if (string.IsNullOrWhiteSpace(store))
        {
            throw new InvalidOperationException("Honk:Campaigns:Broker needs Honk:Campaigns:Store, the PostgreSQL connection string the workers use as their --store.");
        }

        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException($"Honk:Campaigns:Broker must be an amqp:// or amqps:// URL (got '{uri?.GetLeftPart(UriPartial.Scheme) ?? "something else"}').");
        }

        var options = new RabbitMqCampaignOptions { Broker = uri, Queue = section["Queue"] is { Length: > 0 } queue ? queue : RabbitMqCampaignOptions.DefaultQueue };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Honk:Campaigns:Queue: {ex.Message}", ex);
        }

        services.AddHonkCampaignsOnRabbitMq(options, store, o => o.Model = hostModel);
        return true;
    }
}
