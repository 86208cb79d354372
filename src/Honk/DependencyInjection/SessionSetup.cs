using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>One session while <see cref="HonkAgent"/> composes it: what contributors read and add to.</summary>
public sealed class SessionSetup
{
    private readonly List<IDisposable> _owned;

    internal SessionSetup(string sessionId, CodingTask task, Workspace? workspace, HonkRunOptions run, AgentSessionOptions options, IServiceProvider services, IChatClient? judgeModel, List<IDisposable> owned)
    {
        SessionId = sessionId;
        Task = task;
        Workspace = workspace;
        Run = run;
        Options = options;
        Services = services;
        JudgeModel = judgeModel;
        _owned = owned;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The workspace, when the session has one.</summary>
    public Workspace? Workspace { get; }

    /// <summary>What this session chose (model, judge, delivery, branch…).</summary>
    public HonkRunOptions Run { get; }

    /// <summary>The options being built: add tools, validators, judges, channels and sinks here.</summary>
    public AgentSessionOptions Options { get; }

    /// <summary>The container.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The judge's model for this session, or <see langword="null"/> when it has none.</summary>
    public IChatClient? JudgeModel { get; }

    /// <summary>Disposes <paramref name="resource"/> when the session ends (after its last event).</summary>
    /// <param name="resource">Something the session owns.</param>
    public void DisposeWithSession(IDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _owned.Add(resource);
    }
}
