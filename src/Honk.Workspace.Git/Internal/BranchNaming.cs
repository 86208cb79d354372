using System.Security.Cryptography;
using System.Text;

namespace Honk.Workspaces.Git.Internal;

/// <summary>Builds the readable parts of branch and folder names.</summary>
internal static class BranchNaming
{
    private const int MaxSlugLength = 40;

    /// <summary>A lower-case, dash-separated slug of <paramref name="label"/>; <c>session</c> when nothing is left.</summary>
    /// <param name="label">A task title or any text.</param>
    /// <returns>At most 40 characters of <c>[a-z0-9-]</c>.</returns>
    public static string Slug(string? label)
    {
        var builder = new StringBuilder();
        foreach (var c in (label ?? "").Normalize(NormalizationForm.FormKD))
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // The accent of a decomposed letter: "é" becomes "e".
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= MaxSlugLength)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "session" : slug;
    }

    /// <summary>Eight characters identifying the session: its id's first letters and digits, or a hash of it.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>Eight lower-case characters.</returns>
    public static string ShortId(string sessionId)
    {
        var letters = new string(sessionId.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        // Session ids usually start with a timestamp and end with random digits: the tail is what tells them apart.
        return letters.Length >= 8
            ? letters[^8..]
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..8];
    }
}
