using System.Collections.Concurrent;
using Honk.Models;
using Honk.Planning;
using Honk.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>What became of a request to start a plan's draft.</summary>
/// <param name="Session">The started session, when it started.</param>
/// <param name="Problems">The task-file parser's problems (each with its line), when the draft does not parse.</param>
public sealed record PlanStart(SessionView? Session, string? Problems)
{
    /// <summary>True when no draft waits (already started, declined, or the planner is still working).</summary>
    public bool NotWaiting => Session is null && Problems is null;
}

/// <summary>
/// The host's planning conversations: each runs a read-only planning session (<see cref="HonkAgent.PlanAsync"/>) on a
/// fresh workspace in the background, with a <see cref="HostedPlan"/> as the person's side; <see cref="StartAsync"/>
/// hands an approved (possibly edited) draft to a normal session. Conversations live in this process's memory: a plan
/// is answered through the host that runs it.
/// </summary>
public sealed class HostPlanning : IDisposable
{
    /// <summary>How many conversations are kept; the oldest finished ones are forgotten first.</summary>
    private const int MaxPlans = 200;

    private readonly ConcurrentDictionary<string, (HostedPlan Plan, CancellationTokenSource Run)> _plans = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;
    private readonly ServerRuntime _runtime;
    private readonly ISessionGateway _gateway;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    internal HostPlanning(IServiceProvider services, ServerRuntime runtime, ISessionGateway gateway, ILogger<HostPlanning> logger, IHostApplicationLifetime? lifetime = null)
    {
        _services = services;
        _runtime = runtime;
        _gateway = gateway;
        _logger = logger;
        lifetime?.ApplicationStopping.Register(_stopping.Cancel);
    }

    /// <summary>Why planning cannot run in this host (no <c>AddHonk().AddHonkDefaults()</c>), or null when it can.</summary>
    public string? Unavailable => _services.GetService<HonkAgent>() is null || _services.GetService<WorkspaceProvider>() is null
        ? "Planning needs Honk's composition in the host: AddHonk().AddHonkDefaults()."
        : null;

    /// <summary>A conversation by id.</summary>
    /// <param name="id">The plan's id.</param>
    /// <returns>The plan, or null.</returns>
    public HostedPlan? Find(string id) => _plans.TryGetValue(id, out var entry) ? entry.Plan : null;

    /// <summary>The conversation running in a Slack thread.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="threadTs">The thread's <c>ts</c>.</param>
    /// <returns>The plan, or null.</returns>
    public HostedPlan? FindBySlackThread(string channel, string threadTs)
        => _plans.Values.Select(e => e.Plan).FirstOrDefault(p => p.SlackChannel == channel && p.SlackThreadTs == threadTs);

    /// <summary>Starts a conversation: the planning session begins reading at once, in the background.</summary>
    /// <param name="repository">The repository, already allowed by the allow-list.</param>
    /// <param name="request">The one-line request.</param>
    /// <param name="requester">The authenticated identity.</param>
    /// <param name="prepare">Runs before the session starts (a Slack thread subscribes to the plan's changes here).</param>
    /// <returns>The plan.</returns>
    internal HostedPlan Begin(string repository, string request, string requester, Func<HostedPlan, CancellationToken, Task>? prepare = null)
    {
        Forget();
        var plan = new HostedPlan(AgentSession.CreateId(_runtime.TimeProvider), repository, request.Trim(), requester);
        var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _plans[plan.Id] = (plan, run);
        _ = Task.Run(() => RunAsync(plan, prepare, run.Token), CancellationToken.None);
        return plan;
    }

    /// <summary>
    /// Starts the draft: <paramref name="content"/> (the draft as shown, or as the person edited it) must parse; then a
    /// normal session is queued with it and the planning session ends with the draft approved. Once per plan.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="content">The task file's text.</param>
    /// <param name="source">Who asked and where to answer.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The session, the parser's problems, or neither when no draft waits.</returns>
    internal async Task<PlanStart> StartAsync(HostedPlan plan, string content, SessionSource source, CancellationToken cancellationToken)
    {
        if (plan.Stage != PlanStage.Draft)
        {
            return new PlanStart(null, null);
        }

        if (Check(content) is { } problems)
        {
            return new PlanStart(null, problems);
        }

        if (!plan.TryBeginStart())
        {
            return new PlanStart(null, null);
        }

        SessionView view;
        try
        {
            var file = TaskFile.Parse(content, "task.md");
            view = await _gateway.SubmitAsync(new SessionSubmission(plan.Repository, file.Task with { Requester = plan.Requester }, source), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            plan.StartFailed();
            throw;
        }

        plan.Started(view.Id, content);
        ServerLog.Queued(_logger, view.Id, "plan " + plan.Id, plan.Requester, plan.Repository);
        return new PlanStart(view, null);
    }

    /// <summary>Gives up on a plan: its planning session stops.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>False when it was already over.</returns>
    internal bool Decline(HostedPlan plan)
    {
        if (!plan.Decline())
        {
            return false;
        }

        if (_plans.TryGetValue(plan.Id, out var entry))
        {
            entry.Run.Cancel();
        }

        return true;
    }

    /// <summary>The task-file parser's problems with <paramref name="content"/> (every one, with its line), or null when it parses.</summary>
    /// <param name="content">A task file's text.</param>
    /// <returns>The problems, or null.</returns>
    public static string? Check(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return "The task file is empty.";
        }

        try
        {
            TaskFile.Parse(content, "task.md");
            return null;
        }
        catch (TaskFileException ex)
        {
            return ex.Message;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var (_, run) in _plans.Values)
        {
            run.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(HostedPlan plan, Func<HostedPlan, CancellationToken, Task>? prepare, CancellationToken cancellationToken)
    {
        try
        {
            if (prepare is not null)
            {
                await prepare(plan, cancellationToken).ConfigureAwait(false);
            }

            if (Unavailable is { } missing)
            {
                plan.Ended(missing);
                return;
            }

            ModelSpec? spec = null;
            if (_runtime.Options.PlanningModel is { } model)
            {
                ModelSpec.TryParse(model, out spec);
            }

            var workspace = await _services.GetRequiredService<WorkspaceProvider>().AcquireAsync(
                new WorkspaceRequest(plan.Repository, plan.Id) { Label = Transcripts.SecretRedactor.CreateForNames().Redact("plan " + plan.Request) },
                cancellationToken).ConfigureAwait(false);
            await using (workspace.ConfigureAwait(false))
            {
                var result = await _services.GetRequiredService<HonkAgent>().PlanAsync(
                    plan.Request,
                    workspace,
                    plan,
                    new PlanningOptions { MaxQuestions = _runtime.Options.PlanningMaxQuestions },
                    new HonkRunOptions { SessionId = plan.Id, ModelSpec = spec },
                    cancellationToken).ConfigureAwait(false);
                plan.Ended(result.Approved ? null : $"Planning ended without a draft ({result.Session.Status.ToWireName()}): {_runtime.Redactor.Redact(result.Session.Message ?? "")}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            plan.Ended("Planning was stopped.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ServerLog.PlanningFailed(_logger, ex, plan.Id);
            plan.Ended($"Planning failed: {_runtime.Redactor.Redact(ex.Message)}");
        }
    }

    private void Forget()
    {
        if (_plans.Count < MaxPlans)
        {
            return;
        }

        foreach (var old in _plans.Values.Where(e => e.Plan.IsOver).OrderBy(e => e.Plan.Id, StringComparer.Ordinal).Take(_plans.Count - MaxPlans + 1).ToList())
        {
            if (_plans.TryRemove(old.Plan.Id, out var removed))
            {
                removed.Run.Dispose();
            }
        }
    }
}
