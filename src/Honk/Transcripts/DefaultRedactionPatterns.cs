using System.Text.RegularExpressions;

namespace Honk.Transcripts;

/// <summary>The built-in secret formats. Order matters: the first alternative that matches at a position wins.</summary>
internal static partial class DefaultRedactionPatterns
{
    // A value after "password=" etc.: not a variable reference, not a call, not a placeholder keyword, at least 4 chars.
    private const string AssignedValue =
        """["']?\s*[=:]\s*["']?(?!(?:null|none|true|false|default|string|undefined|required)\b)(?<secret>(?>[^\s"'`,;&<>\[(){}$][^\s"'`,;&<>(){}]{3,}))(?![(\[])""";

    // Keys must start a word (DB_PASSWORD, "password", ;Password=) so camelCase identifiers in code such as
    // cancellationToken = default are left alone.
    private const string KeyStart = "(?<![A-Za-z0-9])";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// The formats, in order, as regular expressions generated at build time: compiling them when a process starts cost
    /// every <c>honk run</c> a noticeable part of its start-up.
    /// </summary>
    public static IReadOnlyList<(string Kind, Regex Regex)> All { get; } =
    [
        ("private_key", PrivateKey()),
        ("anthropic_key", AnthropicKey()),
        ("openai_key", OpenaiKey()),
        ("github_token", GithubToken()),
        ("slack_token", SlackToken()),
        ("aws_access_key", AwsAccessKey()),
        ("aws_secret_key", AwsSecretKey()),
        ("jwt", Jwt()),
        ("gcp_key_id", GcpKeyId()),
        ("url_credentials", UrlCredentials()),
        ("bearer_token", BearerToken()),
        ("password", Password()),
        ("secret", Secret()),
        ("token", Token()),
    ];

    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)", Options)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bsk-ant-[A-Za-z0-9_\-]{16,}", Options)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}", Options)]
    private static partial Regex OpenaiKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})", Options)]
    private static partial Regex GithubToken();

    [GeneratedRegex(@"\bxox[abprse]-[A-Za-z0-9\-]{10,}", Options)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", Options)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(KeyStart + """(?i:aws_?secret_?(?:access_?)?key)["']?\s*[=:]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])""", Options)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}", Options)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"""private_key_id""\s*:\s*""(?<secret>[0-9a-f]{40})""", Options)]
    private static partial Regex GcpKeyId();

    // user:password@ in any URL; starts at "://" so a long word without a URL costs one vectorized search.
    [GeneratedRegex("""(?<=[A-Za-z0-9])://(?>[^\s/:@'"]{1,256}):(?<secret>(?>[^\s/@'"$\{][^\s/@'"]{2,}))@""", Options)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i:\bbearer)\s+(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)", Options)]
    private static partial Regex BearerToken();

    [GeneratedRegex(KeyStart + "(?i:passw(?:or)?d|pwd)" + AssignedValue, Options)]
    private static partial Regex Password();

    [GeneratedRegex(KeyStart + "(?i:secret|private_?key)" + AssignedValue, Options)]
    private static partial Regex Secret();

    [GeneratedRegex(KeyStart + "(?i:token|api_?key|access_?key)" + AssignedValue, Options)]
    private static partial Regex Token();
}
