namespace Honk.Hosting;

/// <summary>Which sessions to list, newest first.</summary>
public sealed record SessionQuery
{
    /// <summary>Only sessions in these statuses; all when empty.</summary>
    public IReadOnlyList<HostedSessionStatus> Statuses { get; init; } = [];

    /// <summary>Only sessions on this repository.</summary>
    public string? Repository { get; init; }

    /// <summary>Only sessions of this requester.</summary>
    public string? Requester { get; init; }

    /// <summary>At most this many (default 100).</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Skip this many (paging).</summary>
    public int Offset { get; init; }
}
