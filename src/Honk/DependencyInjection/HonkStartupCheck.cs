using Honk.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>
/// Checks the registrations once, when the host starts (<c>ValidateOnStart</c>) or the agent is first resolved: a
/// model, a workspace provider and a command runner must be there, and no two tools may share a name. Without this,
/// each problem surfaced only in the first session — a missing runner even reached the model as validator feedback.
/// </summary>
/// <param name="services">The container.</param>
internal sealed class HonkStartupCheck(IServiceProvider services) : IValidateOptions<HonkOptions>
{
    public ValidateOptionsResult Validate(string? name, HonkOptions options)
    {
        var problems = new List<string>();
        CheckModel(options, problems);
        if (!IsRegistered(typeof(WorkspaceProvider)))
        {
            problems.Add("No workspace provider is registered: call AddGitWorkspaces() (Honk.Workspace.Git), AddHonkDefaults() (Honk.Hosting) or WithWorkspaceProvider<T>().");
        }

        if (!IsRegistered(typeof(ICommandRunnerFactory)) && !IsRegistered(typeof(ICommandRunner)))
        {
            problems.Add("No command runner is registered, so neither run_command nor any validator could run a command: call AddSandbox() (Honk.Tools), AddHonkDefaults() (Honk.Hosting), WithCommandRunnerFactory(...) or WithCommandRunner<T>().");
        }

        try
        {
            var names = services.GetServices<AITool>().Select(t => t.Name)
                .Concat(services.GetServices<IToolProvider>().SelectMany(p => p.GetTools()).Select(t => t.Name))
                .Concat(services.GetServices<ISessionContributor>().SelectMany(c => c.ToolNames));
            HonkAgent.RejectDuplicateTools(names);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void CheckModel(HonkOptions options, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(options.Model))
        {
            if (!ModelSpec.TryParse(options.Model, out var spec))
            {
                problems.Add($"HonkOptions.Model '{options.Model}' is not valid: {ModelSpec.ValidForms}.");
            }
            else if (!services.GetServices<IModelFactory>().Any(f => f.CanCreate(spec)))
            {
                problems.Add($"HonkOptions.Model is '{options.Model}', but no model factory handles '{spec.Provider}' models: register one with WithModelFactory(...).");
            }

            return;
        }

        if (!options.ModelChosenPerSession && services.GetService<HonkModelRegistration>() is null)
        {
            problems.Add("No model is registered: call WithChatClient(...), set HonkOptions.Model (e.g. \"anthropic:claude-sonnet-4-5\" or \"script:fix.json\"), or set HonkOptions.ModelChosenPerSession when every session names its model.");
        }
    }

    private bool IsRegistered(Type type)
        => services.GetService<IServiceProviderIsService>() is { } isService ? isService.IsService(type) : services.GetService(type) is not null;
}
