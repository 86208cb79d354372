namespace Honk.Server;

/// <summary>The outcome of checking a webhook request's authenticity.</summary>
public enum WebhookCheck
{
    /// <summary>The request is signed with the shared secret and is fresh.</summary>
    Valid,

    /// <summary>A required header is missing or not in the documented format.</summary>
    Missing,

    /// <summary>The signature does not match the body.</summary>
    BadSignature,

    /// <summary>The request's timestamp is outside the allowed window (a possible replay).</summary>
    Stale,
}
