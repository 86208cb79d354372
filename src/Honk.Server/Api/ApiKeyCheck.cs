using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured keys in constant time.</summary>
internal static class ApiKeyCheck
{
    public static bool IsAuthorized(HttpRequest request, IList<string> keys)
    {
        var header = request.Headers.Authorization.ToString();
        if (keys.Count == 0 || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        var ok = false;
        foreach (var key in keys)
        {
            // Compare digests so that neither the length nor the content of a key leaks through timing.
            ok |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return ok;
    }
}
