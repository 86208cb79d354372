using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>
/// A TCP server on 127.0.0.1 that either never answers (to prove time limits work) or answers every HTTP request
/// with a fixed response (to prove git never waits for a password prompt).
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly string? _response;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackServer(string? response)
    {
        _response = response;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections { get; private set; }

    /// <summary>Completes when a client (git) has connected: a test waits on this, not on a polling loop.</summary>
    public Task FirstConnection => _connected.Task;

    /// <summary>Accepts connections and never sends a byte.</summary>
    public static LoopbackServer Silent() => new(null);

    /// <summary>Answers every request with 401 and a Basic challenge.</summary>
    public static LoopbackServer Unauthorized() => new(
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                    Connections++;
                }

                _connected.TrySetResult();

                if (_response is not null)
                {
                    _ = RespondAsync(client);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // InvalidOperationException: stopped between the loop's check and the accept ("Not listening").
        }
    }

    private async Task RespondAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var request = new StringBuilder();
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(_response!), _stop.Token);
            client.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
        }
    }
}
