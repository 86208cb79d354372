using System.Net;
using System.Text;

namespace Honk.Server.Tests;

/// <summary>
/// Answers every request with a fixed JSON body (GETs with <paramref name="getResponseJson"/> when given) and records
/// what was sent (a stand-in for Slack's or GitHub's API).
/// </summary>
internal sealed class RecordingHandler(string responseJson, HttpStatusCode status = HttpStatusCode.OK, string? getResponseJson = null) : HttpMessageHandler
{
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

    public async Task<IReadOnlyList<(string Path, string Body)>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Requests;
    }
}
