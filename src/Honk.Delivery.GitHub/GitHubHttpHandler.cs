namespace Honk.Delivery.GitHub;

/// <summary>
/// The bottom of Octokit's pipeline: sends through the caller's <see cref="HttpClient"/>, adds the REST API version
/// header Honk is written against, cancels with the token of the <see cref="GitHubClient"/> call in flight (Octokit's
/// own methods take none), and never lets the token leave the API's origin (a foreign next-page link is refused).
/// </summary>
internal sealed class GitHubHttpHandler : HttpMessageHandler
{
    private static readonly AsyncLocal<CancellationToken> CallCancellation = new();
    private readonly HttpClient _http;
    private readonly Uri _apiOrigin;

    public GitHubHttpHandler(HttpClient http, Uri apiOrigin)
    {
        _http = http;
        _apiOrigin = apiOrigin;
    }

    /// <summary>The cancellation of the <see cref="GitHubClient"/> call running on this async flow.</summary>
    public static CancellationToken Current
    {
        get => CallCancellation.Value;
        set => CallCancellation.Value = value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null && request.RequestUri is { } uri
            && Uri.Compare(uri, _apiOrigin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubApiException($"GitHub's link points to {uri.GetLeftPart(UriPartial.Authority)}, not to {_apiOrigin.GetLeftPart(UriPartial.Authority)}; refusing to send the token there.");
        }

        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", GitHubClient.ApiVersion);
        return SendLinkedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendLinkedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Current);

        // Octokit's own HttpClient has already marked the message as sent: another client needs a copy.
        using var copy = await Octokit.Internal.HttpClientAdapter.CloneHttpRequestMessageAsync(request).ConfigureAwait(false);
        return await _http.SendAsync(copy, linked.Token).ConfigureAwait(false);
    }

    // The caller owns the HttpClient: Octokit disposing its adapter must not dispose it.
    protected override void Dispose(bool disposing)
    {
    }
}
