namespace Honk.Models.Anthropic;

/// <summary>
/// Records the status and Retry-After of a failed response for the call in progress. The SDK's exceptions keep the
/// status but drop the headers, and the agent loop needs Retry-After to back off as the provider asked. The record
/// travels in an <see cref="AsyncLocal{T}"/> set by the calling chat client, so concurrent calls never mix.
/// </summary>
internal sealed class ResponseHeadersCapture : DelegatingHandler
{
    private static readonly AsyncLocal<FailedResponse?> Current = new();
    private readonly TimeProvider _time;

    public ResponseHeadersCapture(TimeProvider time) => _time = time;

    /// <summary>Makes <paramref name="record"/> the one the next requests in this async flow fill.</summary>
    public static void Attach(FailedResponse record) => Current.Value = record;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && Current.Value is { } record)
        {
            record.Status = (int)response.StatusCode;
            record.RetryAfter = RetryAfterParser.Parse(Header(response, "retry-after-ms"), Header(response, "retry-after"), _time.GetUtcNow());
        }

        return response;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
