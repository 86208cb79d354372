using System.Text.Json;
using Honk.Testing;
using Honk.Transcripts;

namespace Honk.Tests.Transcripts;

public sealed class SecretRedactorTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static SecretRedactor Defaults() => SecretRedactor.Create(environment: NoEnvironment);

    public static TheoryData<string, string, string> Secrets => new()
    {
        { "openai_key", "key is sk-proj-AbCdEf0123456789abcdefXYZ end", "sk-proj-AbCdEf0123456789abcdefXYZ" },
        { "openai_key", "OPENAI sk-AbCdEf0123456789abcdefXYZ", "sk-AbCdEf0123456789abcdefXYZ" },
        { "anthropic_key", "use sk-ant-api03-AbCdEf0123456789_abc-def please", "sk-ant-api03-AbCdEf0123456789_abc-def" },
        { "github_token", "push with ghp_0123456789abcdefghijABCDEFGHIJ012345 now", "ghp_0123456789abcdefghijABCDEFGHIJ012345" },
        { "github_token", "oauth gho_0123456789abcdefghijABCDEFGHIJ012345", "gho_0123456789abcdefghijABCDEFGHIJ012345" },
        { "github_token", "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop" },
        { "slack_token", "slack xoxb-123456789012-1234567890123-AbCdEfGh", "xoxb-123456789012-1234567890123-AbCdEfGh" },
        { "slack_token", "user xoxp-123456789012-abcdefABCDEF", "xoxp-123456789012-abcdefABCDEF" },
        { "aws_access_key", "id AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE" },
        { "aws_secret_key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
        { "jwt", "cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" },
        { "bearer_token", "Authorization: Bearer abc123DEF456ghi789", "abc123DEF456ghi789" },
        { "password", "DB_PASSWORD=hunter2hunter2", "hunter2hunter2" },
        { "password", "Server=db;User Id=sa;Password=S3cr3t!Pass;", "S3cr3t!Pass" },
        { "password", "{\"password\": \"correct-horse\"}", "correct-horse" },
        { "secret", "client_secret: 9f8e7d6c5b4a", "9f8e7d6c5b4a" },
        { "token", "curl 'https://x.invalid/?token=abcd1234efgh'", "abcd1234efgh" },
        { "token", "GITLAB_API_KEY=glpat-abcdefghij", "glpat-abcdefghij" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Redact_KnownSecretKind_ReplacesItWithItsKind(string kind, string text, string secret)
    {
        var redacted = Defaults().Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED:{kind}]", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_PrivateKeyBlock_RemovesTheWholeBlockAndKeepsTheRest()
    {
        const string text = "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\nafter";

        var redacted = Defaults().Redact(text);

        Assert.Equal("before\n[REDACTED:private_key]\nafter", redacted);
    }

    [Fact]
    public void Redact_PrivateKeyWithoutEnd_RemovesEverythingAfterTheHeader()
    {
        var redacted = Defaults().Redact("key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA");

        Assert.Equal("key: [REDACTED:private_key]", redacted);
    }

    [Theory]
    [InlineData("public async Task RunAsync(CancellationToken cancellationToken = default)")]
    [InlineData("var password = null;")]
    [InlineData("if (token == null) return;")]
    [InlineData("password = GetPassword();")]
    [InlineData("env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }")]
    [InlineData("The quick brown fox jumps over the lazy dog, tokens and passwords aside.")]
    [InlineData("short")]
    public void Redact_OrdinaryCodeAndProse_LeavesTextUntouched(string text)
    {
        var redacted = Defaults().Redact(text);

        Assert.Same(text, redacted);
    }

    [Fact]
    public void Create_WorkspaceWithDotEnvFiles_RedactsTheirLongValuesOnly()
    {
        using var folder = new TemporaryDirectory("honk-redact");
        folder.WriteFile(".env", "# comment\nSTRIPE_KEY=rk_live_0000abcd1111\nPORT=8080\nexport QUOTED=\"quoted value 42\" # note\n");
        folder.WriteFile(".env.production", "OTHER=another-long-one");
        folder.WriteFile("apps/web/.env.local", "NESTED=nested-secret-value");
        folder.WriteFile("node_modules/pkg/.env", "VENDORED=vendored-value-x");
        var redactor = SecretRedactor.Create(new RedactionOptions { UseDefaultPatterns = false }, folder.Path, NoEnvironment);

        var redacted = redactor.Redact("a rk_live_0000abcd1111 b quoted value 42 c another-long-one d nested-secret-value e 8080 f vendored-value-x");

        Assert.Equal("a [REDACTED:env_file] b [REDACTED:env_file] c [REDACTED:env_file] d [REDACTED:env_file] e 8080 f vendored-value-x", redacted);
    }

    [Fact]
    public void Create_RedactDotEnvFilesOff_IgnoresThem()
    {
        using var folder = new TemporaryDirectory("honk-redact");
        folder.WriteFile(".env", "STRIPE_KEY=rk_live_0000abcd1111");

        var redactor = SecretRedactor.Create(new RedactionOptions { RedactDotEnvFiles = false }, folder.Path, NoEnvironment);

        Assert.Equal(0, redactor.LiteralCount);
    }

    [Fact]
    public void Create_EnvironmentVariablesWithSecretNames_RedactsTheirValues()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MY_SERVICE_TOKEN"] = "tok-value-123456",
            ["DEPLOY_KEY"] = "deploy-key-value",
            ["WEBHOOK_SECRET"] = "webhook-secret-value",
            ["PGPASSWORD"] = "pg-password-value",
            ["HOME"] = "/home/someone-else",
            ["SHORT_TOKEN"] = "abc",
        };
        var redactor = SecretRedactor.Create(new RedactionOptions { UseDefaultPatterns = false }, environment: environment);

        var redacted = redactor.Redact("tok-value-123456 deploy-key-value webhook-secret-value pg-password-value /home/someone-else abc");

        Assert.Equal("[REDACTED:env_var] [REDACTED:env_var] [REDACTED:env_var] [REDACTED:env_var] /home/someone-else abc", redacted);
    }

    [Fact]
    public void Create_ProcessEnvironmentByDefault_RedactsSecretNamedVariables()
    {
        var name = $"HONK_TEST_{Guid.NewGuid():N}_TOKEN";
        Environment.SetEnvironmentVariable(name, "process-env-secret-value");
        try
        {
            var redactor = SecretRedactor.Create();

            Assert.Equal("x [REDACTED:env_var] y", redactor.Redact("x process-env-secret-value y"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Create_CustomPatternsAndLiteralsWithoutDefaults_AppliesOnlyThose()
    {
        var options = new RedactionOptions { UseDefaultPatterns = false };
        options.Patterns.Add(new RedactionPattern("ticket", @"TICKET-(?<secret>\d{4,})"));
        options.Literals.Add("my-literal-secret");
        options.Literals.Add("my-literal-secret-longer");
        var redactor = SecretRedactor.Create(options, environment: NoEnvironment);

        var redacted = redactor.Redact("TICKET-12345 my-literal-secret-longer my-literal-secret sk-proj-AbCdEf0123456789abcdefXYZ");

        Assert.Equal("TICKET-[REDACTED:ticket] [REDACTED:literal] [REDACTED:literal] sk-proj-AbCdEf0123456789abcdefXYZ", redacted);
    }

    [Theory]
    [InlineData("bad", "(unclosed")]
    [InlineData("Bad Kind", "x")]
    public void Create_InvalidPattern_ThrowsArgumentException(string kind, string pattern)
    {
        var options = new RedactionOptions();
        options.Patterns.Add(new RedactionPattern(kind, pattern));

        Assert.Throws<ArgumentException>(() => SecretRedactor.Create(options, environment: NoEnvironment));
    }

    [Fact]
    public void RedactJson_SecretsInNestedStrings_ResultIsValidJsonWithSameShape()
    {
        var options = new RedactionOptions();
        options.Literals.Add("quote\"and\\backslash-secret");
        var redactor = SecretRedactor.Create(options, environment: NoEnvironment);
        var original = JsonSerializer.Serialize(new
        {
            type = "tool_call",
            count = 1.5e3,
            flag = true,
            none = (string?)null,
            call = new { argumentsJson = """{"patch":"+KEY=sk-proj-AbCdEf0123456789abcdefXYZ\n","n":1}""" },
            list = new[] { "quote\"and\\backslash-secret", "ünïcödé ✓ <tag>", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----" },
        });

        var redacted = redactor.RedactJson(original);

        using var before = JsonDocument.Parse(original);
        using var after = JsonDocument.Parse(redacted);
        Assert.DoesNotContain("sk-proj", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("backslash-secret", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PRIVATE", redacted, StringComparison.Ordinal);
        Assert.Equal(before.RootElement.GetProperty("count").GetDouble(), after.RootElement.GetProperty("count").GetDouble());
        Assert.True(after.RootElement.GetProperty("flag").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("none").ValueKind);
        Assert.Equal("ünïcödé ✓ <tag>", after.RootElement.GetProperty("list")[1].GetString());
        Assert.Equal(["[REDACTED:literal]", "ünïcödé ✓ <tag>", "[REDACTED:private_key]"], after.RootElement.GetProperty("list").EnumerateArray().Select(e => e.GetString()));
        using var inner = JsonDocument.Parse(after.RootElement.GetProperty("call").GetProperty("argumentsJson").GetString()!);
        Assert.Equal("+KEY=[REDACTED:openai_key]\n", inner.RootElement.GetProperty("patch").GetString());
    }

    [Fact]
    public void RedactJson_NothingSecret_ReturnsSameInstance()
    {
        const string json = """{"type":"notice","level":"info","message":"all good","n":[1,2,3]}""";

        Assert.Same(json, Defaults().RedactJson(json));
    }

    [Fact]
    public void Redact_OverlappingFinds_MergeSoNothingOfEitherSurvives()
    {
        var options = new RedactionOptions();
        options.Literals.Add("prefix-sk-proj-AbCd");
        var redactor = SecretRedactor.Create(options, environment: NoEnvironment);

        var keyInsideLiteral = redactor.Redact("a prefix-sk-proj-AbCdEf0123456789abcdefXYZ b");
        var tokenInsideKeyBlock = redactor.Redact("-----BEGIN PRIVATE KEY-----\ntoken=abcdefgh sk-proj-AbCdEf0123456789abcdefXYZ\n-----END PRIVATE KEY----- tail");

        Assert.Equal("a [REDACTED:literal] b", keyInsideLiteral);
        Assert.Equal("[REDACTED:private_key] tail", tokenInsideKeyBlock);
    }

    [Fact]
    public void None_RedactsNothing()
    {
        const string text = "sk-proj-AbCdEf0123456789abcdefXYZ";

        Assert.Same(text, SecretRedactor.None.Redact(text));
    }
}
