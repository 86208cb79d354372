using System.Net;
using System.Net.Sockets;

namespace Honk.Testing.Shared;

/// <summary>Ports for the tests' own servers (git daemons, HTTP fakes), always on the loopback address.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 a moment ago (the system's pick for port 0), for a server started next.</summary>
    /// <returns>The port.</returns>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
