namespace Honk.Server;

/// <summary>Verifies GitHub's webhook signature: <c>X-Hub-Signature-256: sha256=hex(HMAC-SHA256(secret, body))</c>.</summary>
public sealed class GitHubSignatureVerifier
{
    private readonly string _secret;

    /// <summary>Creates a verifier for one webhook secret.</summary>
    /// <param name="secret">The secret configured on the webhook.</param>
    public GitHubSignatureVerifier(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        _secret = secret;
    }

    /// <summary>Checks one delivery.</summary>
    /// <param name="signature">The <c>X-Hub-Signature-256</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>The outcome; only <see cref="WebhookCheck.Valid"/> may be acted on.</returns>
    public WebhookCheck Verify(string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signature) || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return WebhookCheck.Missing;
        }

        return HmacSignature.MatchesHex(_secret, body, signature[7..]) ? WebhookCheck.Valid : WebhookCheck.BadSignature;
    }

    /// <summary>Computes the <c>X-Hub-Signature-256</c> value GitHub would send (for tests and local tools).</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="body">The raw body.</param>
    /// <returns><c>sha256=</c> followed by the lowercase hex HMAC.</returns>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return "sha256=" + HmacSignature.ComputeHex(secret, body);
    }
}
