namespace Honk.Transcripts;

/// <summary>
/// Secret values the host itself holds — model API keys, webhook and signing secrets, bot tokens, API client keys —
/// that every session's redactor must remove, so a model that prints its environment or a configuration file it finds
/// cannot carry them into any output. Register implementations in the container (<c>AddHonk()</c>'s); every session
/// composed by <see cref="HonkAgent"/> adds them to its <see cref="AgentSessionOptions.Redaction"/>.
/// </summary>
public interface IHostSecretSource
{
    /// <summary>The secret values; read when each session is composed, so a rotated key is picked up.</summary>
    /// <returns>The values (null and empty ones are ignored).</returns>
    IEnumerable<string?> GetSecrets();
}
