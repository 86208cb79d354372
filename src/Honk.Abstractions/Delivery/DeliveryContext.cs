namespace Honk;

/// <summary>What a delivery channel gets: the finished session and its workspace.</summary>
public sealed class DeliveryContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="task">The task.</param>
    /// <param name="workspace">The session's workspace, holding the change.</param>
    /// <param name="result">The session result so far (status succeeded, before delivery).</param>
    public DeliveryContext(CodingTask task, Workspace workspace, SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(result);
        Task = task;
        Workspace = workspace;
        Result = result;
    }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The session's workspace.</summary>
    public Workspace Workspace { get; }

    /// <summary>The session result so far.</summary>
    public SessionResult Result { get; }

    /// <summary>The session's id.</summary>
    public string SessionId => Result.SessionId;

    /// <summary>
    /// A key unique to this session and channel; channels record it with their side effect so a re-delivery after a
    /// crash does not repeat it.
    /// </summary>
    public string IdempotencyKey => $"{Result.SessionId}:delivery";

    /// <summary>The branch name the caller asked for, when it named one.</summary>
    public string? BranchName { get; init; }

    /// <summary>The model that did the work, for provenance.</summary>
    public string? Model { get; init; }

    /// <summary>Results of earlier channels in this delivery (a PR channel reads the pushed branch here).</summary>
    public IReadOnlyList<DeliveryResult> Previous { get; init; } = [];

    /// <summary>The session's redactor; <see langword="null"/> redacts nothing (a context built by hand in a test).</summary>
    public ISecretRedactor? Redactor { get; init; }

    /// <summary>
    /// Removes the session's secrets from a text a channel is about to send or write. Channels redact every text drawn
    /// from the task, the model or the checks, before shortening it (a cut secret no longer matches its pattern).
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    /// <returns>The redacted text.</returns>
    public string Redact(string? text) => text is null ? "" : Redactor?.Redact(text) ?? text;
}
