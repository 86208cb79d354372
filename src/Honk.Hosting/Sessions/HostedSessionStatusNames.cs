namespace Honk.Hosting;

/// <summary>Wire names and conversions of <see cref="HostedSessionStatus"/>.</summary>
public static class HostedSessionStatusNames
{
    /// <summary>The snake_case name, e.g. <c>queued</c> or <c>budget_exceeded</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this HostedSessionStatus status) => status switch
    {
        HostedSessionStatus.Queued => "queued",
        HostedSessionStatus.Running => "running",
        _ => status.ToSessionStatus()!.Value.ToWireName(),
    };

    /// <summary>True for every status but queued and running.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether the session has ended.</returns>
    public static bool IsFinal(this HostedSessionStatus status) => status is not (HostedSessionStatus.Queued or HostedSessionStatus.Running);

    /// <summary>The session's outcome for a final status; <see langword="null"/> for queued and running.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The outcome.</returns>
    public static SessionStatus? ToSessionStatus(this HostedSessionStatus status) => status switch
    {
        HostedSessionStatus.Succeeded => SessionStatus.Succeeded,
        HostedSessionStatus.NoChanges => SessionStatus.NoChanges,
        HostedSessionStatus.ValidationFailed => SessionStatus.ValidationFailed,
        HostedSessionStatus.Vetoed => SessionStatus.Vetoed,
        HostedSessionStatus.BudgetExceeded => SessionStatus.BudgetExceeded,
        HostedSessionStatus.Failed => SessionStatus.Failed,
        HostedSessionStatus.Cancelled => SessionStatus.Cancelled,
        HostedSessionStatus.Queued or HostedSessionStatus.Running => null,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown hosted session status."),
    };

    /// <summary>The hosted status of a session outcome.</summary>
    /// <param name="status">The outcome.</param>
    /// <returns>The final hosted status.</returns>
    public static HostedSessionStatus ToHostedStatus(this SessionStatus status) => status switch
    {
        SessionStatus.Succeeded => HostedSessionStatus.Succeeded,
        SessionStatus.NoChanges => HostedSessionStatus.NoChanges,
        SessionStatus.ValidationFailed => HostedSessionStatus.ValidationFailed,
        SessionStatus.Vetoed => HostedSessionStatus.Vetoed,
        SessionStatus.BudgetExceeded => HostedSessionStatus.BudgetExceeded,
        SessionStatus.Failed => HostedSessionStatus.Failed,
        SessionStatus.Cancelled => HostedSessionStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown session status."),
    };

    /// <summary>Parses a wire name.</summary>
    /// <param name="name">The snake_case name.</param>
    /// <param name="status">The status when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? name, out HostedSessionStatus status)
    {
        foreach (var candidate in Enum.GetValues<HostedSessionStatus>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
