using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>
/// The entry point a host resolves from the container: creates sessions wired with everything registered through
/// <c>AddHonk()</c> (model, tools, validators, judges, delivery, sinks), with options snapshotted per session.
/// </summary>
public sealed class HonkAgent
{
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<HonkOptions> _options;

    /// <summary>Creates the agent (normally done by the container).</summary>
    /// <param name="services">The container.</param>
    /// <param name="options">Honk's options.</param>
    public HonkAgent(IServiceProvider services, IOptionsMonitor<HonkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options;
    }

    /// <summary>Creates a session for <paramref name="task"/> on <paramref name="workspace"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="workspace">The workspace; the caller owns and disposes it.</param>
    /// <param name="configure">Last-minute changes to this session's options.</param>
    /// <returns>The session, not yet started.</returns>
    /// <exception cref="InvalidOperationException">No model was registered.</exception>
    public AgentSession CreateSession(CodingTask task, Workspace? workspace = null, Action<AgentSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var honk = _options.CurrentValue;
        var chatClient = _services.GetService<IChatClient>()
            ?? throw new InvalidOperationException("No model is registered: call AddHonk().WithChatClient(...) with an IChatClient.");
        var options = new AgentSessionOptions
        {
            Workspace = workspace,
            Loop = honk.Loop.Clone(),
            Instructions = honk.Instructions,
            ModelId = honk.ModelId,
            Prices = honk.Prices,
            CommandRunner = workspace is not null && _services.GetService<ICommandRunnerFactory>() is { } runners
                ? runners.Create(workspace)
                : _services.GetService<ICommandRunner>(),
            Services = _services,
            TimeProvider = _services.GetService<TimeProvider>() ?? TimeProvider.System,
            LoggerFactory = _services.GetService<ILoggerFactory>(),
        };
        AddAll(options.Tools, _services.GetServices<AITool>());
        AddAll(options.Tools, _services.GetServices<IToolProvider>().SelectMany(p => p.GetTools()));
        AddAll(options.Validators, _services.GetServices<Validator>());
        AddAll(options.Judges, _services.GetServices<Judge>());
        AddAll(options.DeliveryChannels, _services.GetServices<DeliveryChannel>());
        AddAll(options.EventSinks, _services.GetServices<IAgentEventSink>());
        configure?.Invoke(options);
        return new AgentSession(chatClient, task, options);
    }

    /// <summary>
    /// Acquires a workspace on <paramref name="repository"/>, runs the task there, and releases the workspace. The
    /// change outlives the workspace only through a delivery channel (e.g. Honk.Delivery.Git's branch, push or patch):
    /// register one with <c>WithDelivery&lt;T&gt;()</c>, or use <see cref="CreateSession"/> with a workspace you own.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="repository">A local path or git URL.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">No workspace provider was registered.</exception>
    public async Task<SessionResult> RunAsync(CodingTask task, string repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        var provider = _services.GetService<WorkspaceProvider>()
            ?? throw new InvalidOperationException("No workspace provider is registered: call AddHonk().WithWorkspaceProvider<T>() (for git: Honk.Workspace.Git).");
        var sessionId = Guid.NewGuid().ToString("n")[..12];
        var workspace = await provider.AcquireAsync(new WorkspaceRequest(repository, sessionId) { Label = task.Title }, cancellationToken).ConfigureAwait(false);
        await using (workspace.ConfigureAwait(false))
        {
            var session = CreateSession(task, workspace, o => o.SessionId = sessionId);
            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddAll<T>(IList<T> target, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            target.Add(item);
        }
    }
}
