using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Mcp;

/// <summary>
/// Connects the session's MCP servers (all configured ones, or the subset the task names) before it starts, adds their
/// tools, and stops them when it ends.
/// </summary>
internal sealed class McpServersContributor(McpServerCatalog catalog) : ISessionContributor
{
    public int Order => SessionContributorOrder.Tools + 10;

    public async ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        var chosen = catalog.Choose(setup.Task.McpServers);
        if (chosen.Count == 0)
        {
            return;
        }

        var servers = await McpToolServers.ConnectAsync(chosen, catalog.MaxResultCharacters, setup.Services.GetService<ILoggerFactory>(), cancellationToken).ConfigureAwait(false);
        setup.DisposeWithSession(new SyncDisposer(servers));
        foreach (var tool in servers.Tools)
        {
            setup.Options.Tools.Add(tool);
        }
    }

    // The session disposes what it owns synchronously; stopping a server waits for its process (bounded by the
    // transport's shutdown timeout).
    private sealed class SyncDisposer(McpToolServers servers) : IDisposable
    {
        public void Dispose() => servers.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
