using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Honk.Mcp;

/// <summary>
/// Serves Honk's fenced workspace tools and its verifier over the Model Context Protocol, so any MCP client (another
/// agent, an IDE) edits a repository through the same fence and sandbox as a Honk session and checks its work with
/// the repository's own builds and tests.
/// </summary>
public static class HonkMcpServer
{
    /// <summary>The served tools as MCP tools, each bound to the workspace's tool context.</summary>
    /// <param name="options">What to serve.</param>
    /// <returns>The tools, in the order given.</returns>
    /// <exception cref="ArgumentException">Two tools share a name.</exception>
    public static IReadOnlyList<McpServerTool> CreateTools(HonkMcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duplicate = options.Tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two tools are named '{duplicate.Key}': MCP clients call tools by name, so names must be unique.", nameof(options));
        }

        var validators = new ValidatorSet([.. options.Validators], round => new ValidationContext(SessionId, Task, options.Workspace) { CommandRunner = options.CommandRunner, Round = round });
        var context = new ToolContext(SessionId, Task, options.Workspace)
        {
            CommandRunner = options.CommandRunner,
            RunValidators = validators.RunAsync,
        };
        var gate = new ToolCallGate();
        return [.. options.Tools.Select(tool => McpServerTool.Create(new WorkspaceBoundFunction(tool, context, gate, options.MaxResultCharacters)))];
    }

    /// <summary>Runs the server over a pair of streams (stdin/stdout for a child process) until the client disconnects.</summary>
    /// <param name="options">What to serve.</param>
    /// <param name="input">The stream requests arrive on.</param>
    /// <param name="output">The stream responses go to (nothing else may write there).</param>
    /// <param name="loggerFactory">Logs to somewhere other than <paramref name="output"/>, e.g. stderr.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that ends when the client disconnects or the token is cancelled.</returns>
    /// <exception cref="InvalidDataException">A message was longer than <see cref="HonkMcpServerOptions.MaxMessageBytes"/>.</exception>
    public static async Task RunAsync(HonkMcpServerOptions options, Stream input, Stream output, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var serverOptions = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = options.ServerName, Version = options.ServerVersion },
            ServerInstructions = Instructions,
            ToolCollection = [.. CreateTools(options)],
        };
        var limited = new MessageSizeLimit(input, options.MaxMessageBytes);
        var transport = new StreamServerTransport(limited, output, options.ServerName, loggerFactory);
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, serverOptions, loggerFactory);
            await using (server.ConfigureAwait(false))
            {
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (limited.Exceeded)
        {
            throw new InvalidDataException($"A JSON-RPC message was longer than {options.MaxMessageBytes} bytes without a line break; the server stopped reading (HonkMcpServerOptions.MaxMessageBytes).");
        }
    }

    private const string SessionId = "mcp";

    private static readonly CodingTask Task = new("Work on this repository through Honk's fenced tools; check the work with validate.");

    private const string Instructions =
        "Honk's workspace tools. Paths are relative to the served repository; anything outside it is refused. " +
        "Edit with edit_file or apply_patch, then call validate: it runs the repository's own builds and tests and says exactly what fails.";
}
