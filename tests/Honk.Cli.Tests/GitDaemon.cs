using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honk.Cli.Tests;

/// <summary>A real <c>git daemon</c> on 127.0.0.1 that accepts pushes, serving the bare repositories of one folder.</summary>
internal sealed class GitDaemon : IDisposable
{
    private readonly Process _process = null!;

    public GitDaemon(string basePath)
    {
        // The free port is found by binding and releasing it, so another socket of a test running beside this one can
        // take it before the daemon binds: the daemon then exits at once, and a fresh port is tried.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _process = Start(basePath, Port);
            if (WaitUntilListening())
            {
                return;
            }

            var stderr = Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException("git daemon did not start listening: " + stderr);
            }
        }
    }

    public int Port { get; private set; }

    public string Url(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public void Dispose() => Stop();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Process Start(string basePath, int port)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", basePath })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private bool WaitUntilListening()
    {
        // Starting git is honestly slow on a loaded machine; the limit only bounds a daemon that never listens.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return !_process.HasExited;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }

    private string Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        var stderr = _process.HasExited ? _process.StandardError.ReadToEnd() : "";
        _process.Dispose();
        return stderr;
    }
}
