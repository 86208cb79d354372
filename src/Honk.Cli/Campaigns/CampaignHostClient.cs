using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honk.Campaigns;

namespace Honk.Cli.Campaigns;

/// <summary>
/// <c>honk campaign … --server URL</c>: the same commands against a host's campaign API (<c>/api/campaigns</c>), with
/// the API key from <c>--api-key</c> or <c>$HONK_API_KEY</c>. The host drives the campaign; the CLI never waits for it.
/// </summary>
internal sealed class CampaignHostClient : IDisposable
{
    private readonly HttpClient _http;

    private CampaignHostClient(HttpClient http) => _http = http;

    public static CampaignHostClient Create(string server, string? apiKey)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server must be the host's http:// or https:// address, such as http://127.0.0.1:5080 (got '{server}').");
        }

        var key = apiKey ?? Environment.GetEnvironmentVariable("HONK_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliException("--server needs an API key: pass --api-key or set HONK_API_KEY (an API client of 'honk serve', see docs/server.md).");
        }

        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        return new CampaignHostClient(http);
    }

    /// <summary>Starts a campaign from a file's text.</summary>
    public Task<(CampaignReport Report, string? PageUrl)> StartAsync(string fileText, bool dryRun, CancellationToken cancellationToken)
        => SendReportAsync(HttpMethod.Post, dryRun ? "api/campaigns?dryRun=true" : "api/campaigns", new StringContent(fileText, Encoding.UTF8, "text/markdown"), cancellationToken);

    public Task<(CampaignReport Report, string? PageUrl)> ReportAsync(string id, CancellationToken cancellationToken)
        => SendReportAsync(HttpMethod.Get, $"api/campaigns/{Uri.EscapeDataString(id)}", null, cancellationToken);

    public Task<(CampaignReport Report, string? PageUrl)> ActAsync(string id, string action, int? wave, CancellationToken cancellationToken)
        => SendReportAsync(HttpMethod.Post, $"api/campaigns/{Uri.EscapeDataString(id)}/{action}{(wave is { } w ? string.Create(CultureInfo.InvariantCulture, $"?wave={w}") : "")}", null, cancellationToken);

    /// <summary>The host's list, as its JSON text.</summary>
    public async Task<JsonElement> ListAsync(CancellationToken cancellationToken)
        => JsonDocument.Parse(await SendAsync(HttpMethod.Get, "api/campaigns", null, cancellationToken).ConfigureAwait(false)).RootElement.Clone();

    public void Dispose() => _http.Dispose();

    private async Task<(CampaignReport, string?)> SendReportAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var text = await SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var report = CampaignReportJson.Parse(text);
            using var document = JsonDocument.Parse(text);
            return (report, document.RootElement.TryGetProperty("pageUrl", out var page) ? page.GetString() : null);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The host at {_http.BaseAddress} did not answer with a campaign ({ex.Message}). Is it a 'honk serve' host?");
        }
    }

    private async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Could not reach the host {_http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            var reason = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "the API key was not accepted",
                HttpStatusCode.NotFound when text.Length == 0 => "the host has no campaign API (an older host, or campaigns are not enabled)",
                _ => ProblemTitle(text) ?? response.ReasonPhrase ?? "refused",
            };
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"The host answered {(int)response.StatusCode}: {reason}."));
        }
    }

    private static string? ProblemTitle(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
