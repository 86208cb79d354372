using System.Globalization;
using System.Net;
using System.Text;

namespace Honk.Server.Tests;

/// <summary>
/// Answers every request with a fixed JSON body (GETs with <paramref name="getResponseJson"/> when given) and records
/// what was sent (a stand-in for Slack's or GitHub's API, named by <paramref name="name"/> in failures).
/// </summary>
internal sealed class RecordingHandler(string name, string responseJson, HttpStatusCode status = HttpStatusCode.OK, string? getResponseJson = null) : HttpMessageHandler
{
    /// <summary>How long <see cref="WaitForAsync"/> waits unless told: long enough for a session on a loaded machine.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly List<(string Path, string Body)> _requests = [];

    public IReadOnlyList<(string Path, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add((request.RequestUri!.AbsolutePath, body));
        }

        return request.Method == HttpMethod.Get && getResponseJson is not null
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(getResponseJson, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(status) { Content = new StringContent(responseJson, Encoding.UTF8, "application/json") };
    }

    /// <summary>Waits until at least <paramref name="count"/> requests came in.</summary>
    /// <param name="count">How many requests to wait for.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWait"/> when null.</param>
    /// <returns>Every request so far (at least <paramref name="count"/>).</returns>
    /// <exception cref="TimeoutException">Fewer came in: the message names the API, the count and what did come.</exception>
    public async Task<IReadOnlyList<(string Path, string Body)>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        var deadline = DateTime.UtcNow + limit;
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var requests = Requests;
        if (requests.Count < count)
        {
            var seen = requests.Count == 0 ? "none" : string.Join(", ", requests.Select(r => r.Path));
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Waited {limit.TotalSeconds:0.##} s for {count} request(s) to the {name}, got {requests.Count}: {seen}."));
        }

        return requests;
    }
}
