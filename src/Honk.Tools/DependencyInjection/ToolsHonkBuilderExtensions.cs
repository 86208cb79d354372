using Honk.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Honk.Tools' registrations on <see cref="IHonkBuilder"/>.</summary>
public static class ToolsHonkBuilderExtensions
{
    /// <summary>
    /// Gives every session the built-in tool set (<c>read_file</c>, <c>list_files</c>, <c>search</c>, <c>edit_file</c>,
    /// <c>write_file</c>, <c>apply_patch</c>, <c>run_command</c>, <c>git</c>, <c>validate</c>) and
    /// <c>report_not_applicable</c>. Calling it again replaces the earlier options.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts the tools' options (caps, the <c>run_command</c> allow-list…).</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddBuiltInTools(this IHonkBuilder builder, Action<BuiltInToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new BuiltInToolsOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.ReplaceSessionContributor(new BuiltInToolsContributor(options));
    }

    /// <summary>
    /// Runs every session's commands (<c>run_command</c>, validators) in a bubblewrap sandbox bound to the session's
    /// workspace. The options are shared by all sessions; they are also registered as <see cref="SandboxOptions"/> so
    /// other features (the validators' baseline) run in the same sandbox.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="createOptions">Creates the sandbox options once; the defaults when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddSandbox(this IHonkBuilder builder, Func<IServiceProvider, SandboxOptions>? createOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(createOptions ?? (_ => new SandboxOptions())));
        builder.Services.Replace(ServiceDescriptor.Singleton<ICommandRunnerFactory>(sp => new SandboxedCommandRunnerFactory(sp.GetRequiredService<SandboxOptions>(), sp.GetService<TimeProvider>())));
        return builder;
    }
}
