using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the configured clients in constant time, and turns the
/// matching client into the request's principal: name <c>api:&lt;client&gt;</c>, one role claim per role.
/// </summary>
internal static class ApiKeyCheck
{
    public const string AuthenticationType = "HonkApiKey";

    public static ClaimsPrincipal? Authenticate(HttpRequest request, IReadOnlyList<ApiClientOptions> clients)
    {
        var header = request.Headers.Authorization.ToString();
        if (clients.Count == 0 || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        ApiClientOptions? match = null;
        foreach (var client in clients)
        {
            // Compare digests of every key, so that neither which key matched nor its length leaks through timing.
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(client.Key))))
            {
                match = client;
            }
        }

        if (match is null)
        {
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, match.Identity) };
        claims.AddRange(new[] { ApiClientOptions.TriggerRole, ApiClientOptions.ApproveRole }.Where(match.Has).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }
}
