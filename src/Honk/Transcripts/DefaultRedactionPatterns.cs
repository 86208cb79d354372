namespace Honk.Transcripts;

/// <summary>The built-in secret formats. Order matters: the first alternative that matches at a position wins.</summary>
internal static class DefaultRedactionPatterns
{
    // A value after "password=" etc.: not a variable reference, not a call, not a placeholder keyword, at least 4 chars.
    private const string AssignedValue =
        """["']?\s*[=:]\s*["']?(?!(?:null|none|true|false|default|string|undefined|required)\b)(?<secret>(?>[^\s"'`,;&<>\[(){}$][^\s"'`,;&<>(){}]{3,}))(?![(\[])""";

    // Keys must start a word (DB_PASSWORD, "password", ;Password=) so camelCase identifiers in code such as
    // cancellationToken = default are left alone.
    private const string KeyStart = "(?<![A-Za-z0-9])";

    public static IReadOnlyList<RedactionPattern> All { get; } =
    [
        new("private_key", @"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)"),
        new("anthropic_key", @"\bsk-ant-[A-Za-z0-9_\-]{16,}"),
        new("openai_key", @"\bsk-[A-Za-z0-9_\-]{16,}"),
        new("github_token", @"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})"),
        new("slack_token", @"\bxox[abprse]-[A-Za-z0-9\-]{10,}"),
        new("aws_access_key", @"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        new("aws_secret_key", KeyStart + """(?i:aws_?secret_?(?:access_?)?key)["']?\s*[=:]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"""),
        new("jwt", @"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}"),
        new("gcp_key_id", @"""private_key_id""\s*:\s*""(?<secret>[0-9a-f]{40})"""),
        // user:password@ in any URL; starts at "://" so a long word without a URL costs one vectorized search.
        new("url_credentials", """(?<=[A-Za-z0-9])://(?>[^\s/:@'"]{1,256}):(?<secret>(?>[^\s/@'"$\{][^\s/@'"]{2,}))@"""),
        new("bearer_token", @"(?i:\bbearer)\s+(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)"),
        new("password", KeyStart + "(?i:passw(?:or)?d|pwd)" + AssignedValue),
        new("secret", KeyStart + "(?i:secret|private_?key)" + AssignedValue),
        new("token", KeyStart + "(?i:token|api_?key|access_?key)" + AssignedValue),
    ];
}
