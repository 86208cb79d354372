using System.Net;

namespace Honk.Server;

/// <summary>
/// Without <see cref="HonkServerOptions.PublicBaseUrl"/>, review links are built from each request's <c>Host</c>
/// header, which the client chooses: harmless on loopback, where only this machine's users reach the server, but on an
/// open address a link sent to Slack or GitHub could point anywhere the requester liked. The server says so at start.
/// </summary>
internal static class PublicAddressCheck
{
    /// <summary>The warning to print, or <see langword="null"/> when the links are safe.</summary>
    /// <param name="publicBaseUrl">The configured public address.</param>
    /// <param name="listening">The addresses the server listens on (e.g. <c>http://0.0.0.0:5080</c>, <c>http://+:80</c>).</param>
    /// <returns>The warning, naming the first open address.</returns>
    public static string? Warning(Uri? publicBaseUrl, IEnumerable<string> listening)
    {
        if (publicBaseUrl is not null)
        {
            return null;
        }

        var open = listening.FirstOrDefault(a => !IsLoopback(a));
        return open is null ? null
            : $"Honk listens on {open} but has no public address: review links are built from each request's Host header, which the client "
                + "chooses. Set --public-url (Honk__PublicBaseUrl, or serve.publicBaseUrl in honk.json) to the address people use.";
    }

    private static bool IsLoopback(string address)
    {
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))] : rest.Split(':', '/')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
