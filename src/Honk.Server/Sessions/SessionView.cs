namespace Honk.Server;

/// <summary>What the server shows of one session.</summary>
public sealed record SessionView
{
    /// <summary>The session id.</summary>
    public required string Id { get; init; }

    /// <summary>The repository it works on.</summary>
    public required string Repository { get; init; }

    /// <summary>The task.</summary>
    public required CodingTask Task { get; init; }

    /// <summary>Who asked and where to answer.</summary>
    public required SessionSource Source { get; init; }

    /// <summary>Queued, running or completed.</summary>
    public required SessionState State { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The result, once completed.</summary>
    public SessionResult? Result { get; init; }

    /// <summary>The session this one follows up, if any.</summary>
    public string? ParentSessionId { get; init; }

    /// <summary>The wire name of the status: <c>queued</c>, <c>running</c>, or the result's status.</summary>
    public string StatusName => State switch
    {
        SessionState.Queued => "queued",
        SessionState.Running => "running",
        _ => Result?.Status.ToWireName() ?? "failed",
    };
}
