using Honk.Delivery.Git;
using Honk.Models;
using Honk.Scripting;
using Honk.Tasks;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Workspaces.Git;
using Microsoft.Extensions.AI;

namespace Honk.Hosting;

/// <summary>
/// The default <see cref="ISessionExecutor"/>: wires one session the way <c>honk run</c> does — model, git workspace,
/// sandbox, built-in tools, validators, guards and judge, git delivery — with every event going to the store and
/// every delivery going through the effects ledger. Each attempt starts from a fresh workspace.
/// </summary>
public sealed class SessionComposer : ISessionExecutor
{
    private readonly SessionComposerOptions _options;

    /// <summary>Creates the composer.</summary>
    /// <param name="options">What to wire; defaults when <see langword="null"/>.</param>
    public SessionComposer(SessionComposerOptions? options = null)
    {
        _options = options ?? new SessionComposerOptions();
    }

    /// <inheritdoc />
    public async Task<SessionResult> ExecuteAsync(SessionExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var record = execution.Session;
        var request = record.Request;
        var modelText = request.Model ?? _options.DefaultModel;
        if (!ModelSpec.TryParse(modelText, out var spec))
        {
            return Failed(record.Id, $"The model '{modelText}' is not valid: {ModelSpec.ValidForms}.");
        }

        using var model = CreateModel(spec);
        using var judgeModel = request.JudgeModel is { } judgeText ? CreateModel(ModelSpec.Parse(judgeText)) : null;
        var sandbox = SandboxForSession();
        var sandboxProblem = await SandboxedCommandRunner.GetUnavailableReasonAsync(sandbox).ConfigureAwait(false);
        if (sandboxProblem is not null && !_options.AllowUnsandboxed)
        {
            return Failed(record.Id, $"bubblewrap is not usable here: {sandboxProblem}");
        }

        var provider = new GitWorkspaceProvider(_options.Workspace);
        GitWorkspace workspace;
        try
        {
            workspace = await provider.AcquireGitWorkspaceAsync(
                new WorkspaceRequest(request.Repository, record.Id) { BaseRef = request.BaseRef, Label = request.Task.Title ?? request.Task.Goal },
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            return Failed(record.Id, $"Could not open the repository '{request.Repository}': {ex.Message}");
        }

        await using (workspace.ConfigureAwait(false))
        {
            var options = new AgentSessionOptions
            {
                SessionId = record.Id,
                Workspace = workspace,
                CommandRunner = new SandboxedCommandRunner(workspace.RootPath, sandbox),
                ModelId = spec.SessionModelId,
                Prices = _options.Prices,

                // Every attempt delivers to the branch fixed at submission, whatever its worktree branch is called.
                BranchName = record.Branch,
                Transcript = _options.TranscriptDirectory is { } folder ? new TranscriptOptions { Directory = folder } : null,
            };
            options.Loop.Budget = _options.Budget;
            options.EventSinks.Add(execution.Events);
            StandardSession.AddTools(options);
            if (_options.UseBuiltInValidators)
            {
                StandardSession.AddValidators(options, new BaselineCapture(provider, request.Repository, request.Task, record.Id, workspace, sandbox), _options.AllowValidatorNetwork);
            }

            StandardSession.AddReview(options, judgeModel);

            foreach (var channel in DeliveryChannels(request.Delivery))
            {
                _options.DeliveryVerifiers.TryGetValue(channel.Name, out var verifier);
                verifier ??= channel.Name == GitPushDeliveryChannel.ChannelName ? new GitPushEffectVerifier(_options.Delivery.PushUrl) : null;
                options.DeliveryChannels.Add(new LedgeredDeliveryChannel(channel, execution.Store, verifier));
            }

            await StandardSession.ApplyPromptAsync(options, request.Task, workspace.RootPath, cancellationToken).ConfigureAwait(false);
            _options.Configure?.Invoke(options, execution);

            var session = new AgentSession(model, request.Task, options);
            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A copy per session, so one session's settings never leak into another's.</summary>
    private SandboxOptions SandboxForSession()
    {
        var sandbox = StandardSession.Sandbox(_options.AllowUnsandboxed, _options.AllowValidatorNetwork);
        if (_options.Sandbox is { } custom)
        {
            sandbox.BubblewrapPath = custom.BubblewrapPath;
            sandbox.DefaultTimeout = custom.DefaultTimeout;
            sandbox.MaxOutputLines = custom.MaxOutputLines;
            sandbox.MaxLineLength = custom.MaxLineLength;
            sandbox.MaxProcesses = custom.MaxProcesses;
            sandbox.SearchPath = custom.SearchPath;
            Copy(custom.ReadOnlyPaths, sandbox.ReadOnlyPaths);
            Copy(custom.ReadWritePaths, sandbox.ReadWritePaths);
            Copy(custom.HiddenPaths, sandbox.HiddenPaths);
            foreach (var (key, value) in custom.Environment)
            {
                sandbox.Environment[key] = value;
            }
        }

        return sandbox;
    }

    private static void Copy(IEnumerable<string> from, IList<string> to)
    {
        foreach (var item in from.Where(i => !to.Contains(i)))
        {
            to.Add(item);
        }
    }

    private IEnumerable<DeliveryChannel> DeliveryChannels(IReadOnlyList<TaskDelivery> modes)
    {
        var names = new List<string>();
        foreach (var mode in modes)
        {
            // A pull request starts with a push; opening it is the GitHub channel's job, added through Configure.
            var name = mode switch
            {
                TaskDelivery.Branch => "branch",
                TaskDelivery.Patch => "patch",
                TaskDelivery.Push or TaskDelivery.PullRequest => "push",
                _ => null,
            };
            if (name is not null && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names.SelectMany(name => GitDeliveryChannels.Create(name, _options.Delivery));
    }

    private IChatClient CreateModel(ModelSpec spec)
    {
        if (spec.Provider == ModelSpec.ScriptProvider)
        {
            return ScriptedChatClient.FromFile(spec.ScriptPath!);
        }

        return _options.ChatClientFactory?.Invoke(spec)
            ?? throw new InvalidOperationException($"No model factory for '{spec.Provider}' is configured on this host (set {nameof(SessionComposerOptions)}.{nameof(SessionComposerOptions.ChatClientFactory)}).");
    }

    private static SessionResult Failed(string id, string message) => new() { SessionId = id, Status = SessionStatus.Failed, Message = message };
}
