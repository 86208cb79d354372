using Honk.Delivery.Git;
using Honk.Models;
using Honk.Tasks;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Hosting;

/// <summary>
/// The default <see cref="ISessionExecutor"/>: runs each claimed session through <see cref="HonkAgent"/>, so hosted
/// sessions are composed from the same registrations as <c>honk run</c> and embedding apps (the app's own tools,
/// validators and channels included), with every event going to the store and every delivery going through the
/// effects ledger. Each attempt starts from a fresh workspace.
/// </summary>
public sealed class SessionComposer : ISessionExecutor
{
    private readonly SessionComposerOptions _options;
    private readonly HonkAgent _agent;
    private readonly WorkspaceProvider _workspaces;
    private readonly SandboxOptions? _sandbox;
    private readonly string? _pushUrl;

    /// <summary>Creates a composer that resolves sessions from <paramref name="services"/>' <c>AddHonk()</c> registrations.</summary>
    /// <param name="services">A container with <c>AddHonk()</c> (normally with <c>AddHonkDefaults()</c>).</param>
    /// <param name="options">The composer's per-host settings (default model, budget, transcripts, verifiers, last say).</param>
    public SessionComposer(IServiceProvider services, SessionComposerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _options = options ?? new SessionComposerOptions();
        _agent = services.GetRequiredService<HonkAgent>();
        _workspaces = services.GetService<WorkspaceProvider>()
            ?? throw new InvalidOperationException("The host runs sessions on a workspace provider: add AddHonkDefaults() or AddGitWorkspaces().");
        _sandbox = services.GetService<SandboxOptions>();
        _pushUrl = services.GetService<GitDeliveryOptions>()?.PushUrl;
    }

    /// <inheritdoc />
    public async Task<SessionResult> ExecuteAsync(SessionExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var record = execution.Session;
        var request = record.Request;

        // The request's model, else the composer's, else the container's (HonkOptions.Model or WithChatClient).
        var modelText = request.Model ?? _options.DefaultModel;
        ModelSpec? spec = null;
        if (modelText is not null && !ModelSpec.TryParse(modelText, out spec))
        {
            return Failed(record.Id, $"The model '{modelText}' is not valid: {ModelSpec.ValidForms}.");
        }

        ModelSpec? judgeSpec = null;
        if (request.JudgeModel is { } judgeText && !ModelSpec.TryParse(judgeText, out judgeSpec))
        {
            return Failed(record.Id, $"The judge model '{judgeText}' is not valid: {ModelSpec.ValidForms}.");
        }

        if (_sandbox is not null && !_sandbox.AllowUnsandboxed && await SandboxedCommandRunner.GetUnavailableReasonAsync(_sandbox).ConfigureAwait(false) is { } sandboxProblem)
        {
            return Failed(record.Id, $"bubblewrap is not usable here: {sandboxProblem}");
        }

        var run = new HonkRunOptions
        {
            SessionId = record.Id,
            ModelSpec = spec,
            JudgeModelSpec = judgeSpec,
            BaseRef = request.BaseRef,

            // Every attempt delivers to the branch fixed at submission, whatever its worktree branch is called.
            DeliveryBranch = record.Branch,
            Budget = _options.Budget,
            Transcript = _options.TranscriptDirectory is { } folder ? new TranscriptOptions { Directory = folder } : null,
            Configure = setup => ConfigureHosted(setup, execution),
            Inbox = execution.Inbox,
        };
        run.EventSinks.Add(execution.Events);
        foreach (var mode in DeliveryModes(request.Delivery))
        {
            run.Delivery.Add(mode);
        }

        Workspace workspace;
        try
        {
            workspace = await _workspaces.AcquireAsync(
                new WorkspaceRequest(request.Repository, record.Id) { BaseRef = request.BaseRef, Label = request.Task.Title ?? request.Task.Goal },
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            return Failed(record.Id, $"Could not open the repository '{request.Repository}': {ex.Message}");
        }

        await using (workspace.ConfigureAwait(false))
        {
            AgentSession session;
            try
            {
                session = await _agent.CreateSessionAsync(request.Task, workspace, run, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return Failed(record.Id, ex.Message);
            }

            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every channel, the app's own included, delivers through the effects ledger; then the host's last say.</summary>
    private void ConfigureHosted(SessionSetup setup, SessionExecution execution)
    {
        var channels = setup.Options.DeliveryChannels.ToList();
        setup.Options.DeliveryChannels.Clear();
        foreach (var channel in channels)
        {
            _options.DeliveryVerifiers.TryGetValue(channel.Name, out var verifier);
            verifier ??= channel.Name == GitPushDeliveryChannel.ChannelName ? new GitPushEffectVerifier(_pushUrl) : null;
            setup.Options.DeliveryChannels.Add(new LedgeredDeliveryChannel(channel, execution.Store, verifier));
        }

        _options.Configure?.Invoke(setup.Options, execution);
    }

    /// <summary>A pull request starts with a push; opening it is the GitHub channel's job, added through Configure.</summary>
    private static IEnumerable<string> DeliveryModes(IReadOnlyList<TaskDelivery> modes)
        => modes.Select(mode => mode switch
            {
                TaskDelivery.Branch => "branch",
                TaskDelivery.Patch => "patch",
                TaskDelivery.Push or TaskDelivery.PullRequest => "push",
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private static SessionResult Failed(string id, string message) => new() { SessionId = id, Status = SessionStatus.Failed, Message = message };
}
