namespace Honk.Campaigns.RabbitMq;

/// <summary>Where campaign jobs are queued and how workers take them.</summary>
public sealed class RabbitMqCampaignOptions
{
    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public required Uri Broker { get; set; }

    /// <summary>The durable queue of repository jobs. Default <c>honk.campaign.jobs</c>.</summary>
    public string Queue { get; set; } = "honk.campaign.jobs";

    /// <summary>Where jobs go that were started <see cref="MaxAttempts"/> times without a result. Default <c>honk.campaign.jobs.dead</c>.</summary>
    public string DeadLetterQueue { get; set; } = "honk.campaign.jobs.dead";

    /// <summary>How many jobs one worker holds and runs at once. Default 1.</summary>
    public ushort Prefetch { get; set; } = 1;

    /// <summary>A repository started this many times without a result (its workers died) ends failed and its job is dead-lettered. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;
}
