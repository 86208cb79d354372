using System.Security.Cryptography;
using Honk.Sessions;
using Honk.Testing;
using Honk.Transcripts;

namespace Honk.Tests.Security;

/// <summary>Where a session's redactor finds secrets besides its patterns, and how streamed text stays clean.</summary>
[Trait("Category", "Security")]
public sealed class SecretSourcesTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public async Task Create_DotEnvLinkedToAnEndlessDeviceOrOutside_IsSkippedAndCreationEnds()
    {
        // A hostile repository commits `.env -> /dev/zero`: reading it whole never ended (honk run hung at start).
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs /dev/zero and symbolic links");
        using var folder = new TemporaryDirectory("honk-scan");
        using var outside = new TemporaryDirectory("honk-outside");
        outside.WriteFile("host.env", "HOST_TOKEN=value-from-a-host-file-123\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, ".env"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(folder.Path, ".env.local"), outside.Combine("host.env"));
        folder.WriteFile(".env.test", "DB_PASSWORD=value-in-the-repository-456\n");

        var redactor = await Task.Run(() => SecretRedactor.Create(workspaceRoot: folder.Path, environment: NoEnvironment), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal("[REDACTED:env_file]", redactor.Redact("value-in-the-repository-456"));
        Assert.Equal("value-from-a-host-file-123", redactor.Redact("value-from-a-host-file-123"));
    }

    [Fact]
    public void Create_PrivateKeyInTheRepository_RedactsItsLinesReadOnTheirOwn()
    {
        using var folder = new TemporaryDirectory("honk-scan");
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        folder.WriteFile("deploy/id_rsa", pem);
        var middle = pem.Split('\n')[5];

        var redactor = SecretRedactor.Create(workspaceRoot: folder.Path, environment: NoEnvironment);

        Assert.Equal("4: [REDACTED:private_key]", redactor.Redact("4: " + middle));
    }

    [Fact]
    public void Create_ServiceAccountJson_RedactsKeyIdAndKeyLinesWrittenWithEscapedNewlines()
    {
        using var folder = new TemporaryDirectory("honk-scan");
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        folder.WriteFile("sa.json", $$"""{ "type": "service_account", "private_key_id": "{{keyId}}", "private_key": "{{pem.Replace("\n", "\\n", StringComparison.Ordinal)}}" }""");

        var redactor = SecretRedactor.Create(workspaceRoot: folder.Path, environment: NoEnvironment);

        Assert.Equal("id [REDACTED:gcp_key_id]", redactor.Redact("id " + keyId));
        Assert.Equal("[REDACTED:private_key]", redactor.Redact(pem.Split('\n')[2]));
    }

    [Fact]
    public void Create_VariableNamesInCode_AreNotRegisteredFromTheRepository()
    {
        using var folder = new TemporaryDirectory("honk-scan");
        folder.WriteFile("src/app.py", "token = request_token_value\npassword = read_password_from_vault\n");

        var redactor = SecretRedactor.Create(workspaceRoot: folder.Path, environment: NoEnvironment);

        // Only the assignment pattern applies; the bare names stay readable in diffs and search results.
        Assert.Equal(0, redactor.LiteralCount);
        Assert.Equal("uses request_token_value", redactor.Redact("uses request_token_value"));
    }

    [Fact]
    public void Create_ScanRepositoryOff_RegistersNothingFromFiles()
    {
        using var folder = new TemporaryDirectory("honk-scan");
        folder.WriteFile("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n");

        var redactor = SecretRedactor.Create(new RedactionOptions { ScanRepository = false }, folder.Path, NoEnvironment);

        Assert.Equal(0, redactor.LiteralCount);
    }

    [Theory]
    [InlineData("postgres://shop:Sup3rS3cret@db.internal:5432/shop", "postgres://shop:[REDACTED:url_credentials]@db.internal:5432/shop")]
    [InlineData("git clone https://deploy:abc123def456@github.com/o/r", "git clone https://deploy:[REDACTED:url_credentials]@github.com/o/r")]
    [InlineData("see https://example.com/a:b/c@d", "see https://example.com/a:b/c@d")]
    [InlineData("postgres://shop:${DB_PASSWORD}@db/shop", "postgres://shop:${DB_PASSWORD}@db/shop")]
    public void Redact_CredentialsInUrls_RemovesThePasswordOnly(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Create(environment: NoEnvironment).Redact(text));
    }

    [Theory]
    [InlineData("HONK_API_KEYS")]
    [InlineData("SLACK_SIGNING_SECRET")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("MYSQL_PASSWD")]
    [InlineData("AZURE_CREDENTIALS")]
    [InlineData("ACCESS_TOKEN_FOR_CI")]
    public void Create_HostVariableWithASecretName_RedactsItsValue(string name)
    {
        var redactor = SecretRedactor.Create(new RedactionOptions { UseDefaultPatterns = false }, environment: new Dictionary<string, string?> { [name] = "host-secret-value-1" });

        Assert.Equal("x [REDACTED:env_var]", redactor.Redact("x host-secret-value-1"));
    }

    [Fact]
    public void WithLiterals_AddsSecrets_AlsoAsTheyAppearEscapedInJson()
    {
        var redactor = SecretRedactor.Create(new RedactionOptions { UseDefaultPatterns = false }, environment: NoEnvironment).WithLiterals(["pa\"ss\\word-42"]);

        Assert.Equal("a [REDACTED:literal] b", redactor.Redact("a pa\"ss\\word-42 b"));
        Assert.Equal("""{"command":"echo [REDACTED:literal]"}""", redactor.Redact("""{"command":"echo pa\"ss\\word-42"}"""));
    }

    [Fact]
    public void StreamingText_SecretSplitAcrossDeltas_NeverShowsAnyPartOfIt()
    {
        const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var text = new string('x', 300) + " token " + Token + " " + new string('y', 600);
        var redactor = SecretRedactor.Create(environment: NoEnvironment);
        var streaming = new StreamingTextRedactor(redactor);

        var pieces = text.Chunk(7).Select(chunk => streaming.Add(1, new string(chunk))).ToList();
        var rest = streaming.Finish();

        var shown = string.Concat(pieces);
        Assert.DoesNotContain("ghp_", shown, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github_token]", shown, StringComparison.Ordinal);
        Assert.Equal(text.Length - Token.Length + "[REDACTED:github_token]".Length - StreamingTextRedactor.HoldBack, shown.Length);

        // Shown and held back together: the turn's text redacted as a whole.
        Assert.Equal(1, rest!.Value.Turn);
        Assert.Equal(redactor.Redact(text), shown + rest.Value.Text);
    }

    [Fact]
    public void StreamingText_NewTurn_StartsOver()
    {
        var streaming = new StreamingTextRedactor(SecretRedactor.Create(environment: NoEnvironment));
        streaming.Add(1, new string('a', 300));

        Assert.Null(streaming.Add(2, "short"));
        Assert.Equal("short" + new string('b', 39), streaming.Add(2, new string('b', 295)));
    }
}
