using System.Security.Cryptography;
using System.Text;

namespace Honk.Server;

/// <summary>HMAC-SHA256 signatures as lowercase hex, compared in constant time.</summary>
internal static class HmacSignature
{
    public static string ComputeHex(string secret, ReadOnlySpan<byte> data)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    public static bool MatchesHex(string secret, ReadOnlySpan<byte> data, string? candidateHex)
    {
        if (string.IsNullOrEmpty(candidateHex) || candidateHex.Length != 64)
        {
            return false;
        }

        Span<byte> candidate = stackalloc byte[32];
        if (Convert.FromHexString(candidateHex, candidate, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, candidate);
    }
}
