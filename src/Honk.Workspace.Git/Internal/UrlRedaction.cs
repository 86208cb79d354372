using System.Text.RegularExpressions;

namespace Honk.Workspaces.Git.Internal;

/// <summary>Masks passwords and tokens embedded in URLs before they reach a message or a log.</summary>
internal static partial class UrlRedaction
{
    /// <summary>Replaces the password of every <c>scheme://user:password@host</c> in <paramref name="text"/> with <c>***</c>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The text without credentials.</returns>
    public static string Redact(string text) => string.IsNullOrEmpty(text) ? text : CredentialPattern().Replace(text, "$1***@");

    [GeneratedRegex(@"(\b[A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]*:)[^@/\s]*@")]
    private static partial Regex CredentialPattern();
}
