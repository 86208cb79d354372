using Honk.Models;
using Honk.Transcripts;
using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>
/// What one session chooses for itself on top of the container's registrations: its model, judge, delivery, branch,
/// budget and extra sinks. Everything left unset comes from <see cref="HonkOptions"/> and the registrations.
/// </summary>
public sealed class HonkRunOptions
{
    /// <summary>The session's id; a new <see cref="AgentSession.CreateId"/> when <see langword="null"/>.</summary>
    public string? SessionId { get; set; }

    /// <summary>The model as a client the caller owns (not disposed by the session). Wins over <see cref="ModelSpec"/>.</summary>
    public IChatClient? Model { get; set; }

    /// <summary>The model as a spec (e.g. <c>script:fix.json</c>), created for this session by the registered <see cref="IModelFactory"/>s.</summary>
    public ModelSpec? ModelSpec { get; set; }

    /// <summary>The judge's model as a client the caller owns. Only used when the judge is registered (<c>AddJudge()</c>).</summary>
    public IChatClient? JudgeModel { get; set; }

    /// <summary>The judge's model as a spec; <see langword="null"/> with no <see cref="JudgeModel"/> means no LLM judge (guards still run).</summary>
    public ModelSpec? JudgeModelSpec { get; set; }

    /// <summary>The commit the workspace starts from; the repository's default branch when <see langword="null"/>.</summary>
    public string? BaseRef { get; set; }

    /// <summary>The workspace's branch name; the workspace provider's choice when <see langword="null"/>.</summary>
    public string? WorkspaceBranch { get; set; }

    /// <summary>The branch delivery commits to; the workspace's branch when <see langword="null"/>.</summary>
    public string? DeliveryBranch { get; set; }

    /// <summary>
    /// The git delivery modes of this session (<c>branch</c>, <c>patch</c>, <c>push</c>), used by <c>AddGitDelivery()</c>.
    /// Channels registered with <c>WithDelivery</c> always take part. Default: none.
    /// </summary>
    public IList<string> Delivery { get; } = [];

    /// <summary>This session's limits; <see cref="HonkOptions.Loop"/>'s budget when <see langword="null"/>.</summary>
    public Budget? Budget { get; set; }

    /// <summary>Writes the session's transcript when set.</summary>
    public TranscriptOptions? Transcript { get; set; }

    /// <summary>Sinks for this session only (a host's store, a web response), after the registered ones.</summary>
    public IList<IAgentEventSink> EventSinks { get; } = [];

    /// <summary>The session's inbox, for steering it while it runs (<see cref="AgentSessionOptions.Inbox"/>); a new one when <see langword="null"/>.</summary>
    public Steering.SessionInbox? Inbox { get; set; }

    /// <summary>The last say over this session's options, after every feature and registration and before the prompt.</summary>
    public Action<SessionSetup>? Configure { get; set; }
}
