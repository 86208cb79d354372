using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Honk.Server;

/// <summary>
/// Signed access tokens: a review link for one session (<c>/review/{id}?t=…</c>) or a login token for every session.
/// A token is <c>base64url(subject).expiry.hmac</c>; the HMAC covers its purpose, the session id, the subject and the expiry.
/// </summary>
public sealed class ReviewLinks
{
    private const string LoginScope = "*";
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the signer.</summary>
    /// <param name="key">The signing key (at least 32 characters).</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public ReviewLinks(string key, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The link signing key must be at least 32 characters.", nameof(key));
        }

        _key = Encoding.UTF8.GetBytes(key);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a token that opens one session's page for <paramref name="subject"/>.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="subject">Who the link is for (<c>slack:U123</c>, <c>github:login</c>, a name).</param>
    /// <param name="lifetime">How long it is valid.</param>
    /// <returns>The token.</returns>
    public string CreateSessionToken(string sessionId, string subject, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return Create(sessionId, subject, lifetime);
    }

    /// <summary>Creates a login token that opens every session's page for <paramref name="subject"/>.</summary>
    /// <param name="subject">Who logs in.</param>
    /// <param name="lifetime">How long it is valid.</param>
    /// <returns>The token.</returns>
    public string CreateLoginToken(string subject, TimeSpan lifetime) => Create(LoginScope, subject, lifetime);

    /// <summary>Checks a token for one session: a session token for that id, or a login token.</summary>
    /// <param name="sessionId">The session being opened.</param>
    /// <param name="token">The token.</param>
    /// <returns>The subject, or null when the token is missing, forged, for another session, or expired.</returns>
    public string? ValidateForSession(string sessionId, string? token)
        => Validate(sessionId, token) ?? Validate(LoginScope, token);

    /// <summary>Checks a login token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The subject, or null when the token is not a valid, unexpired login token.</returns>
    public string? ValidateLogin(string? token) => Validate(LoginScope, token);

    private string Create(string scope, string subject, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The lifetime must be positive.");
        }

        var expires = (_timeProvider.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var encodedSubject = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(subject));
        return $"{encodedSubject}.{expires}.{Base64Url.EncodeToString(Mac(scope, subject, expires))}";
    }

    private string? Validate(string scope, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var encodedSubject, var expires, var mac])
        {
            return null;
        }

        string subject;
        byte[] given;
        try
        {
            subject = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedSubject));
            given = Base64Url.DecodeFromChars(mac);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || !CryptographicOperations.FixedTimeEquals(Mac(scope, subject, expires), given))
        {
            return null;
        }

        return _timeProvider.GetUtcNow().ToUnixTimeSeconds() < expiresAt ? subject : null;
    }

    private byte[] Mac(string scope, string subject, string expires)
        => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"honk-review\n{scope}\n{subject}\n{expires}"));
}
