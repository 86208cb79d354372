namespace Honk.Transcripts;

/// <summary>What <see cref="SecretRedactor"/> removes. By default: well-known key and token formats, private keys,
/// password/secret/token assignments, credentials in URLs, values of <c>.env</c> files in the workspace, secrets in
/// well-known formats found in the workspace's files, and values of host environment variables whose names look
/// secret.</summary>
public sealed class RedactionOptions
{
    /// <summary>Whether the built-in patterns apply (API keys, tokens, JWTs, private keys, assignments). Default: true.</summary>
    public bool UseDefaultPatterns { get; set; } = true;

    /// <summary>Extra patterns, applied after the built-in ones.</summary>
    public IList<RedactionPattern> Patterns { get; } = [];

    /// <summary>Extra exact strings to redact (kind <c>literal</c>).</summary>
    public IList<string> Literals { get; } = [];

    /// <summary>
    /// Whether every value of the workspace's <c>.env</c> and <c>.env.*</c> files (at most a few folders deep) becomes
    /// a literal to redact. Default: true.
    /// </summary>
    public bool RedactDotEnvFiles { get; set; } = true;

    /// <summary>
    /// Whether the workspace's files (text files up to 512 KB, dependency and build folders skipped, 32 MB in all) are
    /// searched for secrets in well-known formats (private keys, cloud and forge tokens, JWTs, credentials in URLs),
    /// each found value becoming a literal to redact wherever it shows up — also cut up, as a private key's single
    /// lines read a page at a time. Default: true.
    /// </summary>
    public bool ScanRepository { get; set; } = true;

    /// <summary>
    /// Whether values of host environment variables named like <c>*_KEY</c>, <c>*_KEYS</c>, <c>*TOKEN*</c>,
    /// <c>*SECRET*</c>, <c>*PASSWORD*</c>, <c>*PASSWD*</c> or <c>*CREDENTIAL*</c> become literals to redact. Default: true.
    /// </summary>
    public bool RedactEnvironmentSecrets { get; set; } = true;

    /// <summary>
    /// Shortest value taken from <c>.env</c> files and environment variables; shorter values (ports, flags) would
    /// shred transcripts for no gain. Default: 8.
    /// </summary>
    public int MinimumLiteralLength { get; set; } = 8;
}
