namespace Honk.Server;

/// <summary>What a Slack Events API request carries.</summary>
public enum SlackEventKind
{
    /// <summary>The endpoint check Slack sends when the URL is configured: answer with the challenge.</summary>
    UrlVerification,

    /// <summary>Someone mentioned the app: <c>app_mention</c>.</summary>
    AppMention,

    /// <summary>Any other event: acknowledged and ignored.</summary>
    Other,

    /// <summary>A person's message in a thread (<c>message</c> with <c>thread_ts</c>, not from a bot).</summary>
    ThreadMessage,
}
