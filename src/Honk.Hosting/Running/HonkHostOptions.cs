using System.Globalization;
using System.Security.Cryptography;

namespace Honk.Hosting;

/// <summary>How the host runs sessions. Snapshotted when the host is created.</summary>
public sealed class HonkHostOptions
{
    /// <summary>
    /// This host's id. On start the host reclaims at once the sessions leased to its id (it was running them before a
    /// crash), so an id must never be shared by two live hosts on one database. Default: unique to this process
    /// (<c>&lt;machine&gt;-&lt;pid&gt;-&lt;random&gt;</c>), so a second host on the same machine never takes over the first
    /// one's sessions; a restarted host then recovers its sessions when their leases run out. Configure a stable id per
    /// host to recover at once after a restart.
    /// </summary>
    public string HostId { get; set; } = UniqueHostId();

    /// <summary>A new host id, unique to this process and call: <c>&lt;machine&gt;-&lt;pid&gt;-&lt;8 random hex digits&gt;</c>.</summary>
    /// <returns>The id.</returns>
    public static string UniqueHostId()
        => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

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
