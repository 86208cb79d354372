namespace Honk.Server.Campaigns;

/// <summary>Settings of the campaign controller inside the host.</summary>
public sealed class HonkCampaignsOptions
{
    /// <summary>
    /// The model every campaign session uses, in the CLI's form (<c>anthropic:…</c>, <c>script:…</c>); the host's own
    /// model when <see langword="null"/>. A campaign file sent over HTTP never chooses the model.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>How often a driving controller reads the store when no job wakes it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where the host queues jobs instead of running them as its own sessions: called once per drive of a campaign, it
    /// returns a dispatcher (e.g. RabbitMQ for <c>honk worker</c> processes) that the host disposes when the drive ends.
    /// The host then only enqueues waves and applies the gate, the budget and pause/cancel; the workers run the sessions
    /// and record their outcomes in the same store. <see langword="null"/> (the default): the host runs every job.
    /// <see cref="HonkCampaignsRabbitMqExtensions.AddHonkCampaignsOnRabbitMq"/> sets it.
    /// </summary>
    public Func<Honk.Campaigns.CampaignRecord, CancellationToken, ValueTask<Honk.Campaigns.ICampaignDispatcher>>? Dispatcher { get; set; }

    /// <summary>The queue recorded with each new campaign when <see cref="Dispatcher"/> queues on a broker (workers refuse jobs of another queue's campaigns).</summary>
    public string? JobQueue { get; set; }

    /// <summary>The largest campaign file accepted over HTTP, in bytes. Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;
}
