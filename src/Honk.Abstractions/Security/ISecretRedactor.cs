namespace Honk;

/// <summary>
/// Removes secrets from text before it leaves Honk (events, results, commit messages, pull requests, chat messages).
/// A session has one, seeded with the secrets of its repository and its host; delivery channels reach it through
/// <see cref="DeliveryContext.Redact"/>.
/// </summary>
public interface ISecretRedactor
{
    /// <summary>Replaces every secret in <paramref name="text"/> with a marker naming its kind.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The redacted text; the same instance when nothing was found.</returns>
    string Redact(string text);
}
