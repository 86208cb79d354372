namespace Honk.Server;

/// <summary>Where a session is in its life; the outcome of a completed one is its <see cref="SessionResult"/>.</summary>
public enum SessionState
{
    /// <summary>Accepted, waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is running it.</summary>
    Running,

    /// <summary>Finished; <see cref="SessionView.Result"/> says how.</summary>
    Completed,
}
