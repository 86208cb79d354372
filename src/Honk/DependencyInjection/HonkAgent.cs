using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>
/// The entry point a host resolves from the container: composes sessions from everything registered through
/// <c>AddHonk()</c> (model, features, tools, validators, judges, delivery, sinks), with options snapshotted per
/// session. <c>honk run</c>, the host's runner and embedding apps all compose sessions here.
/// </summary>
public sealed partial class HonkAgent
{
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<HonkOptions> _options;

    /// <summary>Creates the agent (normally done by the container) and checks the setup: a missing model, workspace provider or command runner fails here.</summary>
    /// <param name="services">The container.</param>
    /// <param name="options">Honk's options.</param>
    /// <exception cref="OptionsValidationException">The options or the registrations are not usable.</exception>
    public HonkAgent(IServiceProvider services, IOptionsMonitor<HonkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options;

        // Reading the value runs the validators, the startup check among them: misconfiguration fails on resolve.
        _ = options.CurrentValue;
    }

    /// <summary>Composes a session for <paramref name="task"/> on a workspace the caller owns.</summary>
    /// <param name="task">The task.</param>
    /// <param name="workspace">The workspace; the caller owns and disposes it (after the session has run).</param>
    /// <param name="run">What this session chooses (model, judge, delivery…); the registrations' defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the composition (e.g. the prompt's repository scan).</param>
    /// <returns>The session, not yet started. Models it created from a spec are disposed when its stream ends.</returns>
    /// <exception cref="InvalidOperationException">No model could be resolved, or two tools share a name.</exception>
    public Task<AgentSession> CreateSessionAsync(CodingTask task, Workspace? workspace = null, HonkRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return ComposeAsync(task, workspace, run ?? new HonkRunOptions(), cancellationToken);
    }

    /// <summary>
    /// Acquires a workspace on <paramref name="repository"/>, runs the task there, and releases the workspace. The
    /// change outlives the workspace only through a delivery channel (e.g. <c>AddGitDelivery()</c> with
    /// <see cref="HonkRunOptions.Delivery"/>, or your own <c>WithDelivery&lt;T&gt;()</c>).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="repository">A local path or git URL.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The result.</returns>
    public Task<SessionResult> RunAsync(CodingTask task, string repository, CancellationToken cancellationToken = default)
        => RunAsync(task, repository, new HonkRunOptions(), cancellationToken);

    /// <summary>Like <see cref="RunAsync(CodingTask, string, CancellationToken)"/>, with this session's own choices (its model among them).</summary>
    /// <param name="task">The task.</param>
    /// <param name="repository">A local path or git URL.</param>
    /// <param name="run">What this session chooses: e.g. <c>new HonkRunOptions { ModelSpec = ModelSpec.Parse("script:fix.json") }</c>.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The result.</returns>
    public async Task<SessionResult> RunAsync(CodingTask task, string repository, HonkRunOptions run, CancellationToken cancellationToken = default)
    {
        SessionResult? result = null;
        await foreach (var e in RunStreamingAsync(task, repository, run, cancellationToken).ConfigureAwait(false))
        {
            if (e is SessionCompleted completed)
            {
                result = completed.Result;
            }
        }

        return result!;
    }

    /// <summary>
    /// Acquires a workspace on <paramref name="repository"/>, runs the task there yielding every event as it happens,
    /// and releases the workspace after the last one (<see cref="SessionCompleted"/>).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="repository">A local path or git URL.</param>
    /// <param name="cancellationToken">Cancels the session; the stream then ends with status cancelled.</param>
    /// <returns>The events.</returns>
    public IAsyncEnumerable<AgentEvent> RunStreamingAsync(CodingTask task, string repository, CancellationToken cancellationToken = default)
        => RunStreamingAsync(task, repository, new HonkRunOptions(), cancellationToken);

    /// <summary>Like <see cref="RunStreamingAsync(CodingTask, string, CancellationToken)"/>, with this session's own choices.</summary>
    /// <param name="task">The task.</param>
    /// <param name="repository">A local path or git URL.</param>
    /// <param name="run">What this session chooses (model, judge, delivery…).</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The events.</returns>
    /// <exception cref="InvalidOperationException">No workspace provider is registered.</exception>
    public IAsyncEnumerable<AgentEvent> RunStreamingAsync(CodingTask task, string repository, HonkRunOptions run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentNullException.ThrowIfNull(run);
        var provider = _services.GetService<WorkspaceProvider>()
            ?? throw new InvalidOperationException("No workspace provider is registered: call AddHonk().AddGitWorkspaces() (Honk.Workspace.Git) or WithWorkspaceProvider<T>().");
        return RunInWorkspaceAsync(provider, task, repository, run, cancellationToken);
    }

    private async IAsyncEnumerable<AgentEvent> RunInWorkspaceAsync(WorkspaceProvider provider, CodingTask task, string repository, HonkRunOptions run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        run.SessionId ??= AgentSession.CreateId(_services.GetService<TimeProvider>());
        var request = new WorkspaceRequest(repository, run.SessionId)
        {
            BaseRef = run.BaseRef,
            BranchName = run.WorkspaceBranch,
            Label = task.Title ?? task.Goal,
        };
        var workspace = await provider.AcquireAsync(request, cancellationToken).ConfigureAwait(false);
        await using (workspace.ConfigureAwait(false))
        {
            var session = await ComposeAsync(task, workspace, run, cancellationToken).ConfigureAwait(false);
            await foreach (var e in session.RunStreamingAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }
}
