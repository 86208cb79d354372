using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Honk.Mcp;

/// <summary>
/// The connected MCP servers of one session and their tools. Connect before the session starts, add
/// <see cref="Tools"/> to its tools, and dispose after it ends (that stops the servers' processes).
/// </summary>
public sealed class McpToolServers : IAsyncDisposable
{
    private readonly List<McpClient> _clients;

    private McpToolServers(List<McpClient> clients, IReadOnlyList<AIFunction> tools)
    {
        _clients = clients;
        Tools = tools;
    }

    /// <summary>Every server's tools, named <c>{server}__{tool}</c>.</summary>
    public IReadOnlyList<AIFunction> Tools { get; }

    /// <summary>Starts or connects to every server and lists its tools.</summary>
    /// <param name="servers">The servers.</param>
    /// <param name="maxResultCharacters">The largest tool result a model receives.</param>
    /// <param name="loggerFactory">Logs, e.g. each stdio server's standard error.</param>
    /// <param name="cancellationToken">Cancels the connections.</param>
    /// <returns>The connected servers.</returns>
    /// <exception cref="ArgumentException">A definition is invalid or two servers share a name.</exception>
    /// <exception cref="InvalidOperationException">A server could not be started or did not answer.</exception>
    public static async Task<McpToolServers> ConnectAsync(IEnumerable<McpServerDefinition> servers, int maxResultCharacters = 30_000, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var definitions = servers.ToList();
        var problems = definitions.SelectMany(d => d.Problems())
            .Concat(definitions.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"Two MCP servers are named '{g.Key}'."))
            .ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(servers));
        }

        var clients = new List<McpClient>();
        var tools = new List<AIFunction>();
        try
        {
            foreach (var definition in definitions)
            {
                var client = await ConnectOneAsync(definition, loggerFactory, cancellationToken).ConfigureAwait(false);
                clients.Add(client);
                foreach (var tool in await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    tools.Add(new McpClientToolAdapter(definition.Name, tool, maxResultCharacters));
                }
            }
        }
        catch
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new McpToolServers(clients, tools);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
    }

    private static async Task<McpClient> ConnectOneAsync(McpServerDefinition definition, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        IClientTransport transport = definition.Url is { } url
            ? new HttpClientTransport(new HttpClientTransportOptions { Name = definition.Name, Endpoint = url }, loggerFactory)
            : new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = definition.Name,
                    Command = definition.Command!,
                    Arguments = [.. definition.Arguments],
                    WorkingDirectory = definition.WorkingDirectory,
                    InheritEnvironmentVariables = false,
                    EnvironmentVariables = definition.Environment.ToDictionary(e => e.Key, e => (string?)e.Value),
                    ShutdownTimeout = TimeSpan.FromSeconds(5),
                },
                loggerFactory);
        try
        {
            // A server that is a program starting cold (a dotnet or node tool) on a busy host can take longer than the
            // client's default minute to answer the handshake; a server that never answers still fails.
            var options = new McpClientOptions { ClientInfo = new() { Name = "honk", Version = "1.0" }, InitializationTimeout = TimeSpan.FromMinutes(3) };
            return await McpClient.CreateAsync(transport, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var what = definition.Url is not null ? $"at {definition.Url}" : $"'{definition.Command} {string.Join(' ', definition.Arguments)}'";
            throw new InvalidOperationException($"The MCP server '{definition.Name}' ({what}) could not be reached: {ex.Message}", ex);
        }
    }
}
