namespace Honk.Hosting;

/// <summary>How the host runs sessions. Snapshotted when the host is created.</summary>
public sealed class HonkHostOptions
{
    /// <summary>
    /// This host's id, stable across its restarts: on start the host reclaims at once the sessions it was running
    /// before a crash. Give every host sharing a database its own id. Default: the machine name.
    /// </summary>
    public string HostId { get; set; } = Environment.MachineName;

    /// <summary>How many sessions run at once on this host. Default 2.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>When true, at most one session per repository runs at a time (across all hosts). Default false.</summary>
    public bool SerializePerRepository { get; set; }

    /// <summary>How long a claimed session's lease lasts; renewed every third of it. Another host takes the session over when it runs out. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the runner looks for work when nothing woke it (work submitted on other hosts). Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The prefix of the default delivery branch, <c>&lt;prefix&gt;&lt;slug&gt;-&lt;short-id&gt;</c>. Default <c>honk/</c>.</summary>
    public string BranchPrefix { get; set; } = "honk/";

    internal HonkHostOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(HostId, nameof(HostId));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromMilliseconds(300), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.FromMilliseconds(10), nameof(PollInterval));
        return new HonkHostOptions
        {
            HostId = HostId,
            MaxConcurrency = MaxConcurrency,
            SerializePerRepository = SerializePerRepository,
            LeaseDuration = LeaseDuration,
            PollInterval = PollInterval,
            BranchPrefix = BranchPrefix,
        };
    }
}
