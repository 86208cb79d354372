using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Honk.Security.Tests;

/// <summary>One secret planted for the security suite: its kind and its value.</summary>
internal sealed record PlantedSecret(string Kind, string Value);

/// <summary>
/// Secrets of many kinds, made fresh for each test (so nothing here is a real or reusable credential, and nothing can be
/// found in an output by accident), planted in a repository's files, in the host's environment and in a scripted
/// model's text and tool calls; then counted in every output. Shared by the CLI, host and delivery security tests.
/// </summary>
internal sealed class PlantedSecrets
{
    /// <summary>The host environment variable that holds a secret (its name looks secret, so the host registers it).</summary>
    public const string HostVariable = "HONK_SECURITY_SUITE_DEPLOY_TOKEN";

    /// <summary>The file a scripted session fixes, so there is a change to deliver.</summary>
    public const string FixedFile = "greeting.txt";

    private PlantedSecrets()
    {
        DotEnvValue = "dotenv-" + Random(24);
        DatabasePassword = "pw-" + Random(20);
        AwsAccessKey = "AKIA" + Random(16, Upper + Digits);
        AwsSecretKey = Random(40, Upper + Lower + Digits + "/+");
        GitHubToken = "ghp_" + Random(36);
        GitHubPat = "github_pat_" + Random(22) + "_" + Random(59);
        SlackToken = "xoxb-" + Random(12, Digits) + "-" + Random(13, Digits) + "-" + Random(24);
        OpenAIKey = "sk-proj-" + Random(48);
        AnthropicKey = "sk-ant-api03-" + Random(48);
        Jwt = "eyJ" + Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")[3..] + ".eyJ" + Base64Url($"{{\"sub\":\"{Random(12)}\"}}")[3..] + "." + Random(43);
        UrlPassword = "urlpw" + Random(18);
        using (var rsa = RSA.Create(2048))
        {
            PrivateKey = rsa.ExportRSAPrivateKeyPem();
        }

        using (var rsa = RSA.Create(2048))
        {
            GcpPrivateKey = rsa.ExportPkcs8PrivateKeyPem();
        }

        GcpPrivateKeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        HostValue = "hostenv-" + Random(28);
        ModelGatewayKey = "gw-" + Random(40);
        GitHubClassicToken = Hex(20);
        SlackSigningSecret = Hex(16);
        GitHubWebhookSecret = "whsec-" + Random(30);
        ApiClientKey = Hex(24);
        LinkSigningKey = Hex(32);
    }

    public string DotEnvValue { get; }

    public string DatabasePassword { get; }

    public string AwsAccessKey { get; }

    public string AwsSecretKey { get; }

    public string GitHubToken { get; }

    public string GitHubPat { get; }

    public string SlackToken { get; }

    public string OpenAIKey { get; }

    public string AnthropicKey { get; }

    public string Jwt { get; }

    public string UrlPassword { get; }

    public string PrivateKey { get; }

    public string GcpPrivateKey { get; }

    public string GcpPrivateKeyId { get; }

    /// <summary>The value of <see cref="HostVariable"/>.</summary>
    public string HostValue { get; }

    // The host's own secrets, in no well-known format: only their registration with the session's redactor catches them.

    /// <summary>A model gateway's API key (<c>OPENAI_COMPATIBLE_API_KEY</c>).</summary>
    public string ModelGatewayKey { get; }

    /// <summary>A GitHub token in the classic 40-hex format, which no pattern recognises.</summary>
    public string GitHubClassicToken { get; }

    public string SlackSigningSecret { get; }

    public string GitHubWebhookSecret { get; }

    /// <summary>An API client's key.</summary>
    public string ApiClientKey { get; }

    /// <summary>The review links' signing key.</summary>
    public string LinkSigningKey { get; }

    /// <summary>Every planted secret: 15 kinds in the repository and its surroundings, 6 kinds of the host's own.</summary>
    public IReadOnlyList<PlantedSecret> All => [.. Repository, .. Host];

    /// <summary>The secrets the host holds in its configuration and environment (none in a well-known format).</summary>
    public IReadOnlyList<PlantedSecret> Host =>
    [
        new("model gateway key (host)", ModelGatewayKey),
        new("GitHub classic token (host)", GitHubClassicToken),
        new("Slack signing secret (host)", SlackSigningSecret),
        new("GitHub webhook secret (host)", GitHubWebhookSecret),
        new("API client key (host)", ApiClientKey),
        new("link-signing key (host)", LinkSigningKey),
    ];

    /// <summary>The secrets of the repository, the host's environment variable, the task and the model's text.</summary>
    public IReadOnlyList<PlantedSecret> Repository =>
    [
        new(".env value", DotEnvValue),
        new(".env password", DatabasePassword),
        new("AWS access key id", AwsAccessKey),
        new("AWS secret access key", AwsSecretKey),
        new("GitHub token (ghp_)", GitHubToken),
        new("GitHub fine-grained token", GitHubPat),
        new("Slack bot token", SlackToken),
        new("OpenAI key", OpenAIKey),
        new("Anthropic key", AnthropicKey),
        new("JWT", Jwt),
        new("password in a URL", UrlPassword),
        new("PEM private key", PrivateKey),
        new("GCP service-account key", GcpPrivateKey),
        new("GCP private key id", GcpPrivateKeyId),
        new("host environment variable", HostValue),
    ];

    /// <summary>The repository's files: the secrets as people commit them by mistake, and a file with a typo to fix.</summary>
    public IReadOnlyDictionary<string, string> RepositoryFiles => new Dictionary<string, string>
    {
        [FixedFile] = "Hello, wrld!\n",
        [".env"] = $"# local settings\nAPP_ENV=development\nSESSION_SIGNING={DotEnvValue}\nDB_PASSWORD=\"{DatabasePassword}\"\n",
        ["config/settings.json"] = JsonSerializer.Serialize(new
        {
            github = new { token = GitHubToken, fineGrained = GitHubPat },
            slack = new { bot = SlackToken },
            openai = OpenAIKey,
            anthropic = AnthropicKey,
            session = Jwt,
            database = $"postgres://shop:{UrlPassword}@db.internal:5432/shop",
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n",
        ["config/aws_credentials"] = $"[default]\naws_access_key_id = {AwsAccessKey}\naws_secret_access_key = {AwsSecretKey}\n",
        ["deploy/id_rsa"] = PrivateKey + "\n",
        ["deploy/service-account.json"] = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "shop-prod",
            ["private_key_id"] = GcpPrivateKeyId,
            ["private_key"] = GcpPrivateKey + "\n",
            ["client_email"] = "deployer@shop-prod.iam.gserviceaccount.com",
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n",
    };

    /// <summary>The host's environment: the planted variable and the host's own secrets, as a deployed host holds them.</summary>
    public Dictionary<string, string?> HostEnvironment => new()
    {
        [HostVariable] = HostValue,
        ["OPENAI_COMPATIBLE_API_KEY"] = ModelGatewayKey,
        ["GITHUB_TOKEN"] = GitHubClassicToken,
        ["Honk__SlackSigningSecret"] = SlackSigningSecret,
        ["Honk__GitHubWebhookSecret"] = GitHubWebhookSecret,
        ["Honk__ApiKeys__0"] = ApiClientKey,
        ["HONK_LINK_SIGNING_KEY"] = LinkSigningKey,
    };

    /// <summary>
    /// The host's configuration (as <c>honk.json</c>, <c>--Honk:…=</c> arguments or <c>appsettings.json</c> give it):
    /// the model gateway key, GitHub token, Slack signing secret and GitHub webhook secret. The API client key and the
    /// link-signing key reach a host through its options and its state folder instead.
    /// </summary>
    public Dictionary<string, string?> HostConfiguration => new()
    {
        ["OPENAI_COMPATIBLE_API_KEY"] = ModelGatewayKey,
        ["GitHub:Token"] = GitHubClassicToken,
        ["Honk:SlackSigningSecret"] = SlackSigningSecret,
        ["Honk:GitHubWebhookSecret"] = GitHubWebhookSecret,
    };

    /// <summary>Makes a fresh set.</summary>
    public static PlantedSecrets Create() => new();

    /// <summary>
    /// A scripted session that reads every planted file (secrets in tool results), searches for and prints secrets
    /// (secrets in tool arguments and command output), reads the key a page at a time (a key without its header),
    /// says secrets in its text, fixes the typo, and ends with a summary quoting every secret.
    /// </summary>
    public string ModelScript()
    {
        var everything = string.Join(" ", All.Select(s => s.Value));
        var turns = new object[]
        {
            new
            {
                text = $"Looking around. The settings hold {GitHubToken} and {AwsAccessKey}.",
                toolCalls = new object[]
                {
                    Call("read_file", new { path = ".env" }),
                    Call("read_file", new { path = "config/settings.json" }),
                    Call("read_file", new { path = "config/aws_credentials" }),
                    Call("read_file", new { path = "deploy/id_rsa" }),
                    Call("read_file", new { path = "deploy/id_rsa", offset = 3, limit = 5 }),
                    Call("read_file", new { path = "deploy/service-account.json" }),
                },
            },
            new
            {
                text = $"Checking where {SlackToken} and {OpenAIKey} are used; the host token is {HostValue}, its webhook secret {GitHubWebhookSecret}.",
                toolCalls = new object[]
                {
                    Call("search", new { pattern = Regexify(AnthropicKey) }),
                    Call("run_command", new { command = "cat .env config/settings.json" }),
                    Call("run_command", new { command = $"echo {Jwt} {UrlPassword} {DotEnvValue}" }),
                    Call("run_command", new { command = "env" }),
                    Call("run_command", new { command = $"echo {SlackSigningSecret} {ApiClientKey} {LinkSigningKey}" }),
                },
            },
            new
            {
                toolCalls = new object[] { Call("edit_file", new { path = FixedFile, old_text = "wrld", new_text = "world" }) },
            },
            new { text = $"Fixed the typo in {FixedFile}. For the record, the repository exposes: {everything}" },
        };
        return JsonSerializer.Serialize(new { turns }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// Where planted secrets show up in <paramref name="output"/>: each secret as written, as escaped inside JSON, as
    /// HTML-encoded, and each line of a private key on its own. One entry per secret found: "where: kind".
    /// </summary>
    public IReadOnlyList<string> FindLeaks(string where, string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return [];
        }

        var decoded = WebUtility.HtmlDecode(output);
        var leaks = new List<string>();
        foreach (var secret in All)
        {
            if (FormsOf(secret.Value).Any(form => output.Contains(form, StringComparison.Ordinal) || decoded.Contains(form, StringComparison.Ordinal)))
            {
                leaks.Add($"{where}: {secret.Kind}");
            }
        }

        return leaks;
    }

    private static IEnumerable<string> FormsOf(string secret)
    {
        var lines = secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1)
        {
            // A private key leaks through any of its body lines.
            foreach (var line in lines.Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16))
            {
                yield return line;
                yield return JsonEncodedText.Encode(line).ToString();
            }

            yield break;
        }

        yield return secret;
        yield return JsonEncodedText.Encode(secret).ToString();
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
    }

    private static object Call(string name, object arguments) => new { name, arguments };

    private static string Regexify(string value) => System.Text.RegularExpressions.Regex.Escape(value);

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    private static string Random(int length, string alphabet = Upper + Lower + Digits)
        => RandomNumberGenerator.GetString(alphabet, length);

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
