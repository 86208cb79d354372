using Honk.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Gives sessions the tools of outside MCP servers.</summary>
public static class McpServersHonkBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="servers"/> available to every session: their tools reach the model as
    /// <c>{server}__{tool}</c>, results capped at <paramref name="maxResultCharacters"/>. A task's <c>mcp_servers</c> key
    /// narrows the set by name. Stdio servers are started per session (outside the sandbox: they are the operator's
    /// programs, with only the environment their definition names) and stopped when it ends.
    /// </summary>
    /// <param name="builder">The Honk builder.</param>
    /// <param name="servers">The servers (e.g. from <see cref="McpServerConfiguration.Read"/>).</param>
    /// <param name="maxResultCharacters">The largest tool result a model receives.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A definition is unusable or two share a name.</exception>
    public static IHonkBuilder AddMcpServers(this IHonkBuilder builder, IEnumerable<McpServerDefinition> servers, int maxResultCharacters = 30_000)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResultCharacters);
        var catalog = new McpServerCatalog { MaxResultCharacters = maxResultCharacters };
        foreach (var server in servers)
        {
            catalog.Add(server);
        }

        builder.Services.RemoveAll<McpServerCatalog>();
        builder.Services.AddSingleton(catalog);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionContributor, McpServersContributor>());
        return builder;
    }
}
