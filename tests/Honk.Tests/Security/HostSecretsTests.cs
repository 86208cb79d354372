using System.Security.Cryptography;
using Honk.Tests.Loop;
using Honk.Transcripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Security;

/// <summary>
/// The host's own secrets — values in its configuration and registered sources, in no well-known format — reach every
/// session's redactor through the one composition (<see cref="HonkAgent"/>), so a model that echoes them leaves nothing.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostSecretsTests
{
    private static readonly string SigningSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private static readonly string ClientKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    private static readonly string AnonymousKey = "anon-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private static readonly string GatewayKey = "gw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private static readonly string BotToken = "bot-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private static readonly string LinkKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Honk:Model"] = "anthropic:claude-sonnet-4-5",
        ["Honk:SlackSigningSecret"] = SigningSecret,
        ["Honk:ApiClients:0:Name"] = "continuous-integration",
        ["Honk:ApiClients:0:Key"] = ClientKey,
        ["Honk:ApiKeys:0"] = AnonymousKey,
        ["OPENAI_COMPATIBLE_API_KEY"] = GatewayKey,
        ["Slack:BotToken"] = BotToken,
        ["Honk:Access:Approvers:0"] = "slack:U0123ABCDE",
        ["Honk:PublicBaseUrl"] = "https://honk.example.com/",
        ["Honk:GitHubWebhookSecret"] = "short",
    }).Build();

    [Fact]
    public void ConfigurationSource_TakesValuesOfSecretNamedKeys_AndLeavesTheRest()
    {
        var secrets = new ConfigurationSecretSource(Configuration()).GetSecrets().ToList();

        Assert.Equal(new[] { AnonymousKey, BotToken, ClientKey, GatewayKey, SigningSecret }.Order(StringComparer.Ordinal), secrets.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Honk:LinkSigningKey", true)]
    [InlineData("Honk:ApiKeys:3", true)]
    [InlineData("GitHub:Token", true)]
    [InlineData("ConnectionStrings:Password", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("Honk:Model", false)]
    [InlineData("Honk:ApiClients:0:Roles:0", false)]
    [InlineData("Honk:Repositories:shop", false)]
    public void ConfigurationSource_KeyNames(string key, bool secret)
        => Assert.Equal(secret, ConfigurationSecretSource.IsSecretKey(key));

    [Fact]
    public async Task ComposedSession_RedactsTheHostsConfigurationAndRegisteredSecrets()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration());
        services.AddSingleton(HostSecrets.Of(() => [LinkKey, null, ""]));
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited)
            .WithChatClient(Script($$"""{ "turns": [ { "text": "My settings: {{SigningSecret}} {{ClientKey}} {{AnonymousKey}} {{GatewayKey}} {{BotToken}} {{LinkKey}}" } ] }"""))
            .WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();

        var session = await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask("Print your settings"), workspace, cancellationToken: TestContext.Current.CancellationToken);
        var events = new List<string>();
        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(TranscriptJson.Serialize(e));
        }

        var everything = string.Join('\n', events);
        foreach (var secret in new[] { SigningSecret, ClientKey, AnonymousKey, GatewayKey, BotToken, LinkKey })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.Contains("My settings: [REDACTED:literal]", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposedSession_WithoutHostSecrets_LeavesTheSameTextAlone()
    {
        // The check above can fail: with no configuration or source registered, the same values pass through.
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited)
            .WithChatClient(Script($$"""{ "turns": [ { "text": "My settings: {{SigningSecret}}" } ] }"""))
            .WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();

        var session = await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask("Print your settings"), workspace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("x " + SigningSecret, session.Redactor.Redact("x " + SigningSecret));
    }
}
