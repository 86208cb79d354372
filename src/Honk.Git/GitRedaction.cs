using System.Text.RegularExpressions;

namespace Honk.Git;

/// <summary>Keeps passwords and tokens out of messages and logs: URL credentials and any literal secret the caller names.</summary>
public static partial class GitRedaction
{
    /// <summary>Masks the password of every <c>scheme://user:password@host</c> in <paramref name="text"/> with <c>***</c>, and every given secret.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="secrets">Literal secrets to mask as well (e.g. the user-info of a push URL); those shorter than 4 characters are ignored.</param>
    /// <returns>The text without credentials.</returns>
    public static string Redact(string text, IReadOnlyCollection<string>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = CredentialPattern().Replace(text, "$1***@");
        if (secrets is not null)
        {
            foreach (var secret in secrets)
            {
                if (secret.Length >= 4)
                {
                    result = result.Replace(secret, "***", StringComparison.Ordinal);
                }
            }
        }

        return result;
    }

    /// <summary>The secrets carried in a URL's user-info (the password, and a lone token used as user name over http(s); an ssh user name is none).</summary>
    /// <param name="url">A remote URL or path.</param>
    /// <returns>The literal secrets, possibly none.</returns>
    public static IReadOnlyCollection<string> SecretsOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return [];
        }

        var parts = uri.UserInfo.Split(':', 2);
        if (parts.Length == 1 && IsSsh(uri.Scheme))
        {
            // ssh authenticates with keys: ssh://git@host/o/r.git names the account, and ssh takes no password from a
            // URL. Over http(s) a lone user-info is how tokens are passed (https://<token>@host/...), so it stays one.
            return [];
        }

        var secrets = new List<string>();
        foreach (var part in parts.Length == 2 ? parts[1..] : parts)
        {
            secrets.Add(part);
            secrets.Add(Uri.UnescapeDataString(part));
        }

        return secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static bool IsSsh(string scheme)
        => scheme is "ssh" or "git+ssh" or "ssh+git";

    [GeneratedRegex(@"(\b[A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]*:)[^@/\s]*@")]
    private static partial Regex CredentialPattern();
}
