using Honk.Hosting;
using Honk.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Everything <c>honk run</c> wires, in one registration.</summary>
public static class HonkDefaultsExtensions
{
    /// <summary>
    /// Adds exactly what <c>honk run</c> and <c>honk serve</c> use: the sandbox, git workspaces, the built-in tools and
    /// validators (compared with the base on a failure), the guards and the judge, git delivery and the standard
    /// prompt. Add the model (<c>WithChatClient</c>, <see cref="HonkOptions.Model"/>) and your own tools, validators
    /// and channels with the <c>With…</c> methods; they take part in every session beside these.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts the few choices (sandbox, allow-list, folders, delivery).</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddHonkDefaults(this IHonkBuilder builder, Action<HonkDefaultsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = new HonkDefaultsOptions();
        configure?.Invoke(defaults);
        var sandbox = defaults.Sandbox ?? SandboxDefaults.Create(defaults.AllowUnsandboxed);

        // The delivery options are also the push verifier's (the host's effects ledger checks a push it lost track of).
        builder.Services.Replace(ServiceDescriptor.Singleton(defaults.Delivery));
        builder
            .AddSandbox(sp => HideHostState(sandbox, sp.GetService<HonkStateFolder>()))
            .AddGitWorkspaces(defaults.Workspace)
            .AddBuiltInTools(tools =>
            {
                if (defaults.AllowedPrograms.Count > 0)
                {
                    tools.RunCommand.AllowedPrograms.Clear();
                    tools.RunCommand.AllowedPrograms.UnionWith(defaults.AllowedPrograms);
                }
            })
            .AddGuards()
            .AddJudge(defaults.Judge)
            .AddGitDelivery(defaults.Delivery)
            .AddStandardPrompt()
            .ReplaceSessionContributor(new BaselineContributor());
        if (defaults.UseBuiltInValidators)
        {
            builder.AddBuiltInValidators(validators =>
            {
                validators.Dotnet.AllowNetwork = defaults.AllowValidatorNetwork;
                validators.Node.AllowNetwork = defaults.AllowValidatorNetwork;
            });
        }

        return builder;
    }

    /// <summary>A host's private state folder (database, keys) is hidden from every session's commands.</summary>
    private static SandboxOptions HideHostState(SandboxOptions sandbox, HonkStateFolder? state)
    {
        if (state is not null && !sandbox.HiddenPaths.Contains(state.Path))
        {
            sandbox.HiddenPaths.Add(state.Path);
        }

        return sandbox;
    }
}
