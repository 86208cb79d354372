using Honk.Tasks;

namespace Honk.Hosting;

/// <summary>Everything the host needs to run one session. Stored as JSON with the session, so it must stay serializable.</summary>
public sealed record SessionRequest
{
    /// <summary>The repository: a local path or a git URL.</summary>
    public required string Repository { get; init; }

    /// <summary>The task.</summary>
    public required CodingTask Task { get; init; }

    /// <summary>The model, in the CLI's form (<c>anthropic:&lt;model&gt;</c>, <c>openai:&lt;model&gt;</c>, <c>script:&lt;file&gt;</c>); the host's default when <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>The judge's model; no LLM judge when <see langword="null"/> (the deterministic guards still run).</summary>
    public string? JudgeModel { get; init; }

    /// <summary>How the change is delivered, in order. Default: push.</summary>
    public IReadOnlyList<TaskDelivery> Delivery { get; init; } = [TaskDelivery.Push];

    /// <summary>The branch to deliver to; by default <c>honk/&lt;slug&gt;-&lt;short-id&gt;</c>, fixed when the session is submitted.</summary>
    public string? Branch { get; init; }

    /// <summary>The ref to start from; the repository's HEAD when <see langword="null"/>.</summary>
    public string? BaseRef { get; init; }

    /// <summary>Who asked (a Slack user id, a GitHub login, an e-mail address).</summary>
    public string? Requester { get; init; }

    /// <summary>
    /// The session this one follows up (a reviewer's "request changes" round), or <see langword="null"/>. A follow-up
    /// starts from its parent's delivered branch and usually delivers to the same branch.
    /// </summary>
    public string? ParentSessionId { get; init; }

    /// <summary>Where the request came from. Default: the API.</summary>
    public SessionOrigin Origin { get; init; } = new ApiOrigin();
}
