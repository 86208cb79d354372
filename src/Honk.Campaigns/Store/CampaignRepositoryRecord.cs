namespace Honk.Campaigns;

/// <summary>One repository of a campaign: its wave, its state and, once final, its outcome.</summary>
public sealed record CampaignRepositoryRecord
{
    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>Its place in the campaign's target list (0-based).</summary>
    public required int Position { get; init; }

    /// <summary>The repository: an absolute path or a git URL.</summary>
    public required string Repository { get; init; }

    /// <summary>Its wave; 0 is the canary.</summary>
    public required int Wave { get; init; }

    /// <summary>Its state: pending, queued, running, a session status, or skipped (see <see cref="CampaignStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>The session id every attempt on this repository uses (so the effects ledger spans attempts).</summary>
    public required string SessionId { get; init; }

    /// <summary>The branch its change is delivered to.</summary>
    public required string Branch { get; init; }

    /// <summary>How many times a worker started it (more than 1 after a worker died mid-job).</summary>
    public int Attempts { get; init; }

    /// <summary>What its session cost.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>How many model turns its session took.</summary>
    public int Turns { get; init; }

    /// <summary>The session's message, or why the repository was skipped.</summary>
    public string? Message { get; init; }

    /// <summary>The worker that last started it.</summary>
    public string? Worker { get; init; }

    /// <summary>When its last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
