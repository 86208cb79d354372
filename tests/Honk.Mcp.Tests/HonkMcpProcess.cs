using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Honk.Mcp.Tests;

/// <summary>Starts <c>honk mcp --repo</c> as a child process and connects the official MCP client to it over stdio.</summary>
internal static class HonkMcpProcess
{
    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll");

    public static Task<McpClient> ConnectAsync(string repository, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "honk",
            Command = "dotnet",
            Arguments = [Cli, "mcp", "--repo", repository, "--no-restore"],
            WorkingDirectory = repository,
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        return McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "honk-tests", Version = "1.0" }, InitializationTimeout = TimeSpan.FromMinutes(3) }, cancellationToken: cancellationToken);
    }

    /// <summary>Runs <c>honk mcp</c> with arguments that must be refused before the protocol starts.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunRejectedAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Cli);
        start.ArgumentList.Add("mcp");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
