namespace Honk.Delivery.GitHub;

/// <summary>How <see cref="GitHubClient"/> reaches GitHub. A sealed class rather than a record so the token never shows in <c>ToString()</c>.</summary>
public sealed class GitHubClientOptions
{
    /// <summary>The default API root, <c>https://api.github.com/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.github.com/");

    /// <summary>
    /// The API root. Default <c>https://api.github.com/</c>; for GitHub Enterprise Server use
    /// <c>https://ghe.example.com/api/v3</c>.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>A token (personal access token, GitHub App installation token) sent as <c>Authorization: Bearer</c>. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The <c>User-Agent</c> GitHub requires on every request. Default <c>Honk</c>.</summary>
    public string UserAgent { get; set; } = "Honk";

    /// <summary>How many times a rate-limited request is retried before the call fails. Default 3.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>The longest single wait the client accepts for a rate limit; a longer one fails the call at once. Default 2 minutes.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most pages a listing follows through <c>Link: rel="next"</c>. Default 20 (2,000 items).</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl);
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"GitHub BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'.", nameof(BaseUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(UserAgent);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRateLimitRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRateLimitWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPages, 1);
    }
}
