namespace Honk.Delivery.Slack;

/// <summary>Where <see cref="SlackNotificationChannel"/> posts, and what it links to.</summary>
public sealed class SlackNotificationOptions
{
    /// <summary>The channel id to post to when the task's thread is unknown (bot-token mode). Default none.</summary>
    public string? Channel { get; set; }

    /// <summary>
    /// An incoming webhook's URL: when set, messages go there instead of <c>chat.postMessage</c> (no bot token needed;
    /// the webhook decides the channel). A secret: never logged.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// The session's review page, with <c>{sessionId}</c> replaced by the escaped session id, e.g.
    /// <c>https://honk.example.com/sessions/{sessionId}</c>. Default none.
    /// </summary>
    public string? SessionUrlTemplate { get; set; }

    /// <summary>At most this many validators are listed. Default 10.</summary>
    public int MaxValidatorsListed { get; set; } = 10;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (WebhookUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The Slack webhook URL must be absolute.", nameof(WebhookUrl));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxValidatorsListed);
    }
}
