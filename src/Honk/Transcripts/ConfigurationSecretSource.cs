using Microsoft.Extensions.Configuration;

namespace Honk.Transcripts;

/// <summary>
/// The secret-looking values of a configuration (<c>appsettings.json</c>, <c>honk.json</c>, environment variables,
/// <c>--Honk:Key=value</c> arguments): every value whose key has a part named like <c>*Key</c>, <c>*Keys</c>,
/// <c>*Token*</c>, <c>*Secret*</c>, <c>*Password*</c>, <c>*Passwd*</c> or <c>*Credential*</c> — so
/// <c>Honk:SlackSigningSecret</c>, <c>Honk:ApiKeys:0</c>, <c>Honk:ApiClients:0:Key</c>, <c>Slack:BotToken</c> and
/// <c>ANTHROPIC_API_KEY</c> all count. Values shorter than <see cref="MinimumLength"/> (flags, ports) are left out.
/// </summary>
public sealed class ConfigurationSecretSource : IHostSecretSource
{
    private readonly IConfiguration _configuration;

    /// <summary>Creates the source.</summary>
    /// <param name="configuration">The configuration, read anew for each session.</param>
    public ConfigurationSecretSource(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    /// <summary>Shortest value taken (as for environment variables). Default: 8.</summary>
    public int MinimumLength { get; init; } = 8;

    /// <inheritdoc />
    public IEnumerable<string?> GetSecrets()
        => _configuration.AsEnumerable()
            .Where(pair => pair.Value is { } value && value.Length >= MinimumLength && IsSecretKey(pair.Key))
            .Select(pair => pair.Value);

    /// <summary>Whether a configuration key (<c>Section:Name:0</c>) names a secret.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when one of its parts looks secret.</returns>
    internal static bool IsSecretKey(string key)
        => key.Split(':').Any(part => SecretSources.LooksSecret(part)
            || part.EndsWith("key", StringComparison.OrdinalIgnoreCase)
            || part.EndsWith("keys", StringComparison.OrdinalIgnoreCase));
}
