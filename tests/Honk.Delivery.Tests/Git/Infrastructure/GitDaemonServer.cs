using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Honk.Testing.Shared;

namespace Honk.Delivery.Tests.Git.Infrastructure;

/// <summary>A real <c>git daemon --enable=receive-pack</c> serving a folder on 127.0.0.1, killed on dispose.</summary>
internal sealed class GitDaemonServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private GitDaemonServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string UrlFor(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    /// <summary>How many receive-pack (push) connections the daemon accepted, from its verbose log.</summary>
    public int PushConnections => _log.Count(line => line.Contains("Request receive-pack", StringComparison.Ordinal));

    public static GitDaemonServer Start(string basePath)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            var info = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "daemon", "--verbose", "--export-all", "--enable=receive-pack", "--reuseaddr", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", basePath })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            var process = new Process { StartInfo = info };
            var server = new GitDaemonServer(process, port);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    server._log.Enqueue(e.Data);
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return server;
                }
                catch (SocketException)
                {
                    Thread.Sleep(25);
                }
            }

            server.Dispose();
            if (attempt >= 2)
            {
                throw new InvalidOperationException("git daemon did not start listening.");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
