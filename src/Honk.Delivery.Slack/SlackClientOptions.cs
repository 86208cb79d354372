namespace Honk.Delivery.Slack;

/// <summary>How <see cref="SlackClient"/> reaches Slack. A sealed class rather than a record so the token never shows in <c>ToString()</c>.</summary>
public sealed class SlackClientOptions
{
    /// <summary>The default Web API root, <c>https://slack.com/api/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://slack.com/api/");

    /// <summary>The Web API root. Default <c>https://slack.com/api/</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The bot token (<c>xoxb-…</c>) sent as <c>Authorization: Bearer</c> to the Web API. Never logged; not sent to webhooks.</summary>
    public string? BotToken { get; set; }

    /// <summary>How many times a rate-limited (429) call is retried before it fails. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest single <c>Retry-After</c> wait the client accepts; a longer one fails the call at once. Default 1 minute.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl);
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Slack BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'.", nameof(BaseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryWait, TimeSpan.Zero);
    }
}
