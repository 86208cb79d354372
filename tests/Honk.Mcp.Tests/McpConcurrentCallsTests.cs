using System.IO.Pipes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Honk.Mcp.Tests;

/// <summary>
/// An MCP client may send calls at once. A sandboxed command (or the repository's tests under validate) can swap a
/// folder for a link out of the workspace between the fence's check and a concurrent read on the host — with the real
/// `honk mcp`, a client racing `run_command` (a loop renaming a folder and a link to a host folder) against `read_file`
/// read the host's file. So a call that is not read-only runs alone, as in a Honk session.
/// </summary>
[Trait("Category", "Security")]
public sealed class McpConcurrentCallsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("honk-mcp-gate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReadOnlyCall_WaitsForARunningCallThatIsNot()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hold = AIFunctionFactory.Create(
            async () =>
            {
                holding.TrySetResult();
                await release.Task;
                return "held";
            },
            "hold");
        var peek = AIFunctionFactory.Create(() => release.Task.IsCompleted ? "after" : "during", new AIFunctionFactoryOptions { Name = "peek", AdditionalProperties = ToolTraits.ReadOnly });
        await using var server = await ServerAsync(hold, peek);

        var held = server.Client.CallToolAsync("hold", new Dictionary<string, object?>(), cancellationToken: Ct).AsTask();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var peeked = server.Client.CallToolAsync("peek", new Dictionary<string, object?>(), cancellationToken: Ct).AsTask();
        var first = await Task.WhenAny(peeked, Task.Delay(TimeSpan.FromMilliseconds(500), Ct));
        release.TrySetResult();

        Assert.NotSame(peeked, first);
        Assert.Contains("after", Text(await peeked), StringComparison.Ordinal);
        Assert.Contains("held", Text(await held), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyCalls_RunTogether()
    {
        var arrived = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var meet = AIFunctionFactory.Create(
            async () =>
            {
                if (Interlocked.Increment(ref arrived) == 2)
                {
                    both.TrySetResult();
                }

                await both.Task.WaitAsync(TimeSpan.FromSeconds(60));
                return "met";
            },
            new AIFunctionFactoryOptions { Name = "meet", AdditionalProperties = ToolTraits.ReadOnly });
        await using var server = await ServerAsync(meet);

        var results = await Task.WhenAll(
            server.Client.CallToolAsync("meet", new Dictionary<string, object?>(), cancellationToken: Ct).AsTask(),
            server.Client.CallToolAsync("meet", new Dictionary<string, object?>(), cancellationToken: Ct).AsTask());

        Assert.All(results, r => Assert.Contains("met", Text(r), StringComparison.Ordinal));
    }

    private async Task<Served> ServerAsync(params AIFunction[] tools)
    {
        var options = new HonkMcpServerOptions { Workspace = new InPlaceWorkspace(_folder, commandRunner: null) };
        foreach (var tool in tools)
        {
            options.Tools.Add(tool);
        }

        // Two OS pipes: client → server and server → client.
        var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        var serverInput = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        var fromServer = new AnonymousPipeServerStream(PipeDirection.In);
        var serverOutput = new AnonymousPipeClientStream(PipeDirection.Out, fromServer.ClientSafePipeHandle);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = HonkMcpServer.RunAsync(options, serverInput, serverOutput, cancellationToken: stop.Token);
        var client = await McpClient.CreateAsync(new ModelContextProtocol.Protocol.StreamClientTransport(toServer, fromServer), cancellationToken: Ct);
        return new Served(client, running, stop, [toServer, serverInput, fromServer, serverOutput]);
    }

    private static string Text(ModelContextProtocol.Protocol.CallToolResult result)
        => string.Join("\n", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text));

    private sealed record Served(McpClient Client, Task Running, CancellationTokenSource Stop, Stream[] Pipes) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Stop.CancelAsync();
            try
            {
                await Running.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                // The server stops when told to.
            }

            foreach (var pipe in Pipes)
            {
                await pipe.DisposeAsync();
            }

            Stop.Dispose();
        }
    }
}
