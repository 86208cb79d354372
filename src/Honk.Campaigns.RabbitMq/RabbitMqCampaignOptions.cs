namespace Honk.Campaigns.RabbitMq;

/// <summary>Where campaign jobs are queued and how workers take them.</summary>
public sealed class RabbitMqCampaignOptions
{
    /// <summary>The queue every campaign uses unless it names another.</summary>
    public const string DefaultQueue = "honk.campaign.jobs";

    private string? _deadLetterQueue;

    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public required Uri Broker { get; set; }

    /// <summary>
    /// The durable queue of repository jobs. Default <c>honk.campaign.jobs</c>. Deployments (or test runs) that share a
    /// broker but not a store each need their own queue, or their workers take each other's jobs.
    /// </summary>
    public string Queue { get; set; } = DefaultQueue;

    /// <summary>Where jobs go that no worker could run. Default: the queue's name + <c>.dead</c>.</summary>
    public string DeadLetterQueue
    {
        get => _deadLetterQueue ?? Queue + ".dead";
        set => _deadLetterQueue = value;
    }

    /// <summary>How many jobs one worker holds and runs at once. Default 1.</summary>
    public ushort Prefetch { get; set; } = 1;

    /// <summary>A repository started this many times without a result (its workers died) ends failed and its job is dead-lettered. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// A job refused this many times by workers that cannot run it (its campaign is not in their store, or belongs on
    /// another queue) is dead-lettered instead of returned to the queue. Counted across the whole fleet. Default 10.
    /// </summary>
    public int MaxRefusals { get; set; } = 10;

    /// <summary>How long a worker holds a job it refuses before returning it, so a lone misconfigured worker does not spin on it. Default 2 s.</summary>
    public TimeSpan RefusalPause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the options, with a message that names the bad one.</summary>
    /// <exception cref="ArgumentException">A queue name is empty or too long, or a limit is below 1.</exception>
    public void Validate()
    {
        CheckQueueName(Queue, nameof(Queue));
        CheckQueueName(DeadLetterQueue, nameof(DeadLetterQueue));
        if (string.Equals(Queue, DeadLetterQueue, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The dead-letter queue must differ from the job queue ('{Queue}').", nameof(DeadLetterQueue));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRefusals, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Prefetch, (ushort)1);
    }

    /// <summary>Whether a text is a queue name RabbitMQ accepts from Honk: 1–255 bytes, not the reserved <c>amq.</c> prefix.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The problem, or <see langword="null"/> when the name is fine.</returns>
    public static string? ProblemWithQueueName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a queue name must not be empty";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(name) > 255)
        {
            return "a queue name is at most 255 bytes";
        }

        return name.StartsWith("amq.", StringComparison.Ordinal) ? "queue names starting with 'amq.' are reserved by RabbitMQ" : null;
    }

    private static void CheckQueueName(string name, string parameter)
    {
        if (ProblemWithQueueName(name) is { } problem)
        {
            throw new ArgumentException($"{problem} (got '{name}').", parameter);
        }
    }
}
