using Honk.SemanticKernel;
using Microsoft.SemanticKernel;

namespace Honk;

/// <summary>Semantic Kernel plugins as tools of every session.</summary>
public static class KernelPluginsHonkBuilderExtensions
{
    /// <summary>
    /// Adds every function of <paramref name="kernel"/>'s plugins to every session's tools, named
    /// <c>{plugin}_{function}</c> and invoked with <paramref name="kernel"/> (so its services and filters apply). A name
    /// that clashes with another tool fails the session's composition, as any duplicate tool does.
    /// </summary>
    /// <param name="builder">The Honk builder.</param>
    /// <param name="kernel">The kernel whose plugins become tools.</param>
    /// <returns>The same builder.</returns>
    public static IHonkBuilder WithKernelPlugins(this IHonkBuilder builder, Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kernel);
        return builder.WithTools(kernel.Plugins.SelectMany(plugin => plugin.Select(function => new KernelPluginTool(plugin.Name, function, kernel))));
    }
}
