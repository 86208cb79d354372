using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honk.Cli.Tests;

/// <summary>A real <c>git daemon</c> on 127.0.0.1 that accepts pushes, serving the bare repositories of one folder.</summary>
internal sealed class GitDaemon : IDisposable
{
    private readonly Process _process;

    public GitDaemon(string basePath)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={Port}", basePath })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        WaitUntilListening();
    }

    public int Port { get; }

    public string Url(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("git daemon did not start listening");
    }
}
