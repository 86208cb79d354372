using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        var port = Ports.Free();
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
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return daemon;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    break;
                }

                Thread.Sleep(25);
            }
        }

        daemon.Dispose();
        throw new InvalidOperationException("git daemon did not start listening on port " + port);
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
