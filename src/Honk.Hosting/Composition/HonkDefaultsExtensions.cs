using Honk.Hosting;

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
        var sandbox = defaults.Sandbox ?? StandardSession.Sandbox(defaults.AllowUnsandboxed, defaults.AllowValidatorNetwork);
        builder
            .AddSandbox(_ => sandbox)
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
}
