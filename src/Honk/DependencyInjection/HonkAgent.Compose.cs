using Honk.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk;

public sealed partial class HonkAgent
{
    /// <summary>
    /// The one composition of a session, in this order: the options from <see cref="HonkOptions"/> and the run, the
    /// model and judge, the command runner, then every contributor by <see cref="SessionContributorOrder"/> (features,
    /// the app's <c>With…</c> registrations, wrappers, the run's <see cref="HonkRunOptions.Configure"/>, the prompt).
    /// </summary>
    private async Task<AgentSession> ComposeAsync(CodingTask task, Workspace? workspace, HonkRunOptions run, CancellationToken cancellationToken, Action<AgentSessionOptions>? last = null)
    {
        var honk = _options.CurrentValue;
        var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var owned = new List<IDisposable>();
        try
        {
            var (model, modelId) = ResolveModel(run, honk, owned);
            if (_services.GetService<Telemetry.ModelTelemetry>() is not null)
            {
                model = Own(Telemetry.ModelTelemetry.Instrument(model, _services), owned);
            }
            var judgeModel = run.JudgeModel ?? (run.JudgeModelSpec is { } judgeSpec ? Own(CreateFromSpec(judgeSpec), owned) : null);
            var sessionId = run.SessionId ?? AgentSession.CreateId(time);
            var options = new AgentSessionOptions
            {
                SessionId = sessionId,
                Workspace = workspace,
                Loop = honk.Loop.Clone(),
                Instructions = honk.Instructions,
                ModelId = modelId,
                Prices = honk.EffectivePrices(),
                BranchName = run.DeliveryBranch ?? workspace?.Branch,
                Transcript = run.Transcript,
                Inbox = run.Inbox,
                CommandRunner = workspace is not null && _services.GetService<ICommandRunnerFactory>() is { } runners
                    ? runners.Create(workspace)
                    : _services.GetService<ICommandRunner>(),
                Services = _services,
                TimeProvider = time,
                LoggerFactory = _services.GetService<ILoggerFactory>(),
            };
            if (run.Budget is { } budget)
            {
                options.Loop.Budget = budget;
            }

            // The host's own keys and tokens join the session's redactor, whichever front door composes it.
            foreach (var secret in Transcripts.HostSecrets.From(_services))
            {
                options.Redaction.Literals.Add(secret);
            }

            var setup = new SessionSetup(sessionId, task, workspace, run, options, _services, judgeModel, owned);
            foreach (var contributor in Contributors())
            {
                await contributor.ContributeAsync(setup, cancellationToken).ConfigureAwait(false);
            }

            // A special kind of session (planning) reshapes the composed options last of all.
            last?.Invoke(options);
            RejectDuplicateTools(options.Tools.Select(t => t.Name));

            // Last, so every other sink has seen the final event before the session's own models go.
            options.EventSinks.Add(new DisposeOnCompletionSink(owned));
            return new AgentSession(model, task, options);
        }
        catch
        {
            DisposeAll(owned);
            throw;
        }
    }

    /// <summary>The registered contributors and the two built-in steps, stably sorted by their order.</summary>
    private IEnumerable<ISessionContributor> Contributors()
        => _services.GetServices<ISessionContributor>()
            .Append(new RegisteredExtensionsContributor())
            .Append(new RunConfigureContributor())
            .Select((contributor, index) => (contributor, index))
            .OrderBy(c => c.contributor.Order)
            .ThenBy(c => c.index)
            .Select(c => c.contributor);

    private (IChatClient Model, string? ModelId) ResolveModel(HonkRunOptions run, HonkOptions honk, List<IDisposable> owned)
    {
        if (run.Model is { } given)
        {
            return (given, honk.ModelId);
        }

        if (run.ModelSpec is { } spec)
        {
            return (Own(CreateFromSpec(spec), owned), spec.SessionModelId);
        }

        if (_services.GetService<HonkModelRegistration>() is { } registration)
        {
            var client = registration.Create(_services);
            return (registration.OwnedBySession ? Own(client, owned) : client, honk.ModelId);
        }

        if (!string.IsNullOrWhiteSpace(honk.Model))
        {
            var configured = ModelSpec.Parse(honk.Model);
            return (Own(CreateFromSpec(configured), owned), honk.ModelId ?? configured.SessionModelId);
        }

        throw new InvalidOperationException("No model for this session: call AddHonk().WithChatClient(...), set HonkOptions.Model (e.g. \"script:fix.json\"), or give the session HonkRunOptions.Model or ModelSpec.");
    }

    private IChatClient CreateFromSpec(ModelSpec spec)
    {
        var factory = _services.GetServices<IModelFactory>().FirstOrDefault(f => f.CanCreate(spec))
            ?? throw new InvalidOperationException($"No model factory handles '{spec.Provider}' models: register one with AddHonk().WithModelFactory(...) (Honk.Models.OpenAI and Honk.Models.Anthropic have factories).");
        return factory.Create(spec);
    }

    private static IChatClient Own(IChatClient client, List<IDisposable> owned)
    {
        owned.Add(client);
        return client;
    }

    internal static void RejectDuplicateTools(IEnumerable<string> names)
    {
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Two tools share the name {string.Join(", ", duplicates.Select(d => $"'{d}'"))}: the model could only ever call one of them. Rename one, or leave out the built-in one.");
        }
    }

    private static void DisposeAll(List<IDisposable> owned)
    {
        foreach (var resource in owned)
        {
            resource.Dispose();
        }

        owned.Clear();
    }

    /// <summary>Adds what the app registered with <c>With…</c>, then the run's own sinks.</summary>
    private sealed class RegisteredExtensionsContributor : ISessionContributor
    {
        public int Order => SessionContributorOrder.Registered;

        public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
        {
            var services = setup.Services;
            var options = setup.Options;
            AddAll(options.Tools, services.GetServices<AITool>());
            AddAll(options.Tools, services.GetServices<IToolProvider>().SelectMany(p => p.GetTools()));
            AddAll(options.Validators, services.GetServices<Validator>());
            AddAll(options.Judges, services.GetServices<Judge>());
            AddAll(options.DeliveryChannels, services.GetServices<DeliveryChannel>());
            AddAll(options.EventSinks, services.GetServices<IAgentEventSink>());
            AddAll(options.EventSinks, setup.Run.EventSinks);
            return ValueTask.CompletedTask;
        }

        private static void AddAll<T>(IList<T> target, IEnumerable<T> items)
        {
            foreach (var item in items)
            {
                target.Add(item);
            }
        }
    }

    private sealed class RunConfigureContributor : ISessionContributor
    {
        public int Order => SessionContributorOrder.Configure;

        public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
        {
            setup.Run.Configure?.Invoke(setup);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class DisposeOnCompletionSink(List<IDisposable> owned) : IAgentEventSink
    {
        public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
        {
            if (agentEvent is SessionCompleted)
            {
                DisposeAll(owned);
            }

            return ValueTask.CompletedTask;
        }
    }
}
