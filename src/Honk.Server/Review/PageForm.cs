using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Honk.Server;

/// <summary>
/// A form posted by one of Honk's pages (review, steering, planning, campaigns). The caller is known before a byte of
/// the body is read — from the token in the action's query string (<c>?t=</c>, which every page puts there) or the
/// <c>/review</c> login cookie — so a stranger cannot make the host read, buffer and parse a body; the body is then read
/// at most <see cref="HonkServerOptions.MaxBodyBytes"/>, and must repeat the same token in its <c>t</c> field, which a
/// cross-site form cannot know (the cookie alone never acts).
/// </summary>
internal static class PageForm
{
    /// <summary>Our pages' forms have a handful of fields.</summary>
    private const int MaxFields = 32;

    /// <summary>The token that identifies the caller, from outside the body: <c>?t=</c>, else the login cookie.</summary>
    public static string? CallerToken(HttpRequest request)
        => request.Query["t"].ToString() is { Length: > 0 } query ? query : request.Cookies[ReviewEndpoints.LoginCookie];

    /// <summary>A form's <c>action</c> (not yet HTML-escaped): the path with the caller's token in the query string.</summary>
    public static string Action(string path, string token) => $"{path}?t={Uri.EscapeDataString(token)}";

    /// <summary>Whether the body is a URL-encoded form (what our pages send); anything else is answered 415 unread.</summary>
    public static bool IsUrlEncoded(HttpRequest request)
        => request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the form of a caller already checked through <paramref name="callerToken"/>: the form, or the status to
    /// refuse it with — 413 past <paramref name="maxBytes"/>, 400 malformed, 404 when its <c>t</c> is not that same token.
    /// </summary>
    public static async Task<(IFormCollection? Form, int Status)> ReadAsync(HttpRequest request, string callerToken, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, StringValues> fields;
        try
        {
            using var reader = new FormReader(Encoding.UTF8.GetString(bytes)) { ValueCountLimit = MaxFields, ValueLengthLimit = (int)Math.Min(maxBytes, int.MaxValue) };
            fields = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }

        var form = new FormCollection(fields);
        return SameToken(form["t"].ToString(), callerToken) ? (form, StatusCodes.Status200OK) : (null, StatusCodes.Status404NotFound);
    }

    private static bool SameToken(string given, string expected)
        => given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
