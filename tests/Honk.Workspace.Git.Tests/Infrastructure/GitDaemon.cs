using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Honk.Testing.Shared;

namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>A real <c>git daemon</c> serving a folder on 127.0.0.1, killed on dispose.</summary>
internal sealed class GitDaemon : IDisposable
{
    private readonly Process _process;

    private GitDaemon(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string UrlFor(string repositoryName) => $"git://127.0.0.1:{Port}/{repositoryName}";

    public static GitDaemon Start(string basePath)
    {
        // The free port is found by binding and releasing it, so another socket of a test running beside this one can
        // take it before the daemon binds: the daemon then exits at once, and a fresh port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            var info = new ProcessStartInfo("git")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "daemon", "--export-all", "--reuseaddr", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", basePath })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            var process = Process.Start(info)!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var daemon = new GitDaemon(process, port);

            // Starting git is honestly slow on a loaded machine; the limit only bounds a daemon that never listens.
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    if (!process.HasExited)
                    {
                        return daemon;
                    }
                }
                catch (SocketException)
                {
                    Thread.Sleep(25);
                }
            }

            daemon.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException("git daemon did not start listening on port " + port);
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
        }

        _process.Dispose();
    }
}
