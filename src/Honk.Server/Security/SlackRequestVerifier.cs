using System.Globalization;
using System.Text;

namespace Honk.Server;

/// <summary>
/// Verifies Slack's request signing: <c>X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}"))</c>
/// and an <c>X-Slack-Request-Timestamp</c> within the allowed window of now.
/// </summary>
public sealed class SlackRequestVerifier
{
    private readonly string _signingSecret;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier for one Slack app's signing secret.</summary>
    /// <param name="signingSecret">The app's signing secret (Basic Information page).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public SlackRequestVerifier(string signingSecret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        _signingSecret = signingSecret;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far the request timestamp may be from now, either way (Slack recommends five minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks one request.</summary>
    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header (Unix seconds).</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header (<c>v0=</c> and 64 hex digits).</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>The outcome; only <see cref="WebhookCheck.Valid"/> may be acted on.</returns>
    public WebhookCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || !signature.StartsWith("v0=", StringComparison.Ordinal)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookCheck.Missing;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxClockSkew.TotalSeconds)
        {
            return WebhookCheck.Stale;
        }

        return HmacSignature.MatchesHex(_signingSecret, BaseString(timestamp, body), signature[3..]) ? WebhookCheck.Valid : WebhookCheck.BadSignature;
    }

    /// <summary>Computes the <c>X-Slack-Signature</c> value Slack would send (for tests and local tools).</summary>
    /// <param name="signingSecret">The signing secret.</param>
    /// <param name="timestamp">The request timestamp (Unix seconds).</param>
    /// <param name="body">The raw body.</param>
    /// <returns><c>v0=</c> followed by the lowercase hex HMAC.</returns>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestamp);
        return "v0=" + HmacSignature.ComputeHex(signingSecret, BaseString(timestamp, body));
    }

    private static byte[] BaseString(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var all = new byte[prefix.Length + body.Length];
        prefix.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(prefix.Length));
        return all;
    }
}
