using Honk.Mcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Gives sessions the tools of outside MCP servers.</summary>
public static class McpServersHonkBuilderExtensions
{
    /// <summary>
    /// Makes the MCP servers defined in the host's configuration available to every session, as
    /// <see cref="AddMcpServers(IHonkBuilder, IEnumerable{McpServerDefinition}, int)"/> does: pass the section holding one
    /// child per server, in honk.json's <c>"mcpServers"</c> shape (<c>configuration.GetSection("Honk:McpServers")</c>). The
    /// section is read once, here; a missing or empty section registers no server. Like the other overload, a later call
    /// replaces the servers of an earlier one.
    /// </summary>
    /// <param name="builder">The Honk builder.</param>
    /// <param name="mcpServers">The configuration section (see <see cref="McpServerConfiguration.Read(IConfiguration)"/>).</param>
    /// <param name="maxResultCharacters">The largest tool result a model receives.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="FormatException">A definition in the section is malformed; the message names its key.</exception>
    public static IHonkBuilder AddMcpServers(this IHonkBuilder builder, IConfiguration mcpServers, int maxResultCharacters = 30_000)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mcpServers);
        return builder.AddMcpServers(McpServerConfiguration.Read(mcpServers), maxResultCharacters);
    }

    /// <summary>
    /// Makes <paramref name="servers"/> available to every session: their tools reach the model as
    /// <c>{server}__{tool}</c>, results capped at <paramref name="maxResultCharacters"/>. A task's <c>mcp_servers</c> key
    /// narrows the set by name. Stdio servers are started per session (outside the sandbox: they are the operator's
    /// programs, with only the environment their definition names) and stopped when it ends.
    /// </summary>
    /// <param name="builder">The Honk builder.</param>
    /// <param name="servers">The servers (e.g. from <see cref="McpServerConfiguration.Read(System.Text.Json.JsonElement)"/>).</param>
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
