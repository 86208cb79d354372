using Honk.Git;

namespace Honk.Delivery.Git.Internal;

/// <summary>Keeps passwords and tokens out of messages: URL credentials and any secret the caller names (the git layer's <see cref="GitRedaction"/>).</summary>
internal static class CredentialRedactor
{
    /// <summary>Masks the password of every <c>scheme://user:password@host</c> and every given secret.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="secrets">Literal secrets to mask as well (e.g. the user-info of the push URL).</param>
    /// <returns>The text without credentials.</returns>
    public static string Redact(string text, IReadOnlyCollection<string>? secrets = null) => GitRedaction.Redact(text, secrets);

    /// <summary>The secrets carried in a URL's user-info (the password, and a lone token used as user name).</summary>
    /// <param name="url">A remote URL or path.</param>
    /// <returns>The literal secrets, possibly none.</returns>
    public static IReadOnlyCollection<string> SecretsOf(string url) => GitRedaction.SecretsOf(url);
}
