using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Honk.Server.Tests;

/// <summary>
/// The review page's form posts as an outside attacker sends them: the caller must be known before the host reads a
/// byte of the body, and an allowed caller's body is capped at <see cref="HonkServerOptions.MaxBodyBytes"/>, not
/// Kestrel's 30 MB default.
/// </summary>
[Trait("Category", "Security")]
public sealed class PageFormTests : IDisposable
{
    private readonly GitRepo _repo = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("approve")]
    [InlineData("changes")]
    [InlineData("message")]
    [InlineData("plan")]
    public async Task FormPost_WithoutACaller_IsRefusedBeforeTheBodyIsSent(string action)
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);

        // Headers announce 10 MB and only the first bytes follow: a host that reads the body before it checks the caller
        // waits for the rest (and then fails on the data rate); one that checks first answers 404 at once.
        var status = await StatusOfAnnouncedBodyAsync(app.BaseUrl, $"/review/{view.Id}/{action}", 10_000_000, "t=forged.1.x&comment=");
        Assert.Equal(404, status);
        Assert.Equal(0, app.Gateway.EffectRuns);
    }

    [Fact]
    public async Task FormPost_ByAnApproverPastMaxBodyBytes_Is413AndDoesNothing()
    {
        await using var app = await ServerApp.StartAsync(o => o.MaxBodyBytes = 64 * 1024);
        var view = AddFinished(app);
        var token = app.SessionToken(view.Id, "lead");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        var padding = new string('a', 200 * 1024);
        var submitted = app.Gateway.Submissions.Count;

        using var approve = await client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", token), new FormUrlEncodedContent([new("t", token), new("pad", padding)]), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, approve.StatusCode);
        using var changes = await client.PostAsync(ServerApp.FormAction($"review/{view.Id}/changes", token), new FormUrlEncodedContent([new("t", token), new("comment", padding)]), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, changes.StatusCode);
        Assert.Equal(0, app.Gateway.EffectRuns);
        Assert.Equal(submitted, app.Gateway.Submissions.Count);

        // The same caller under the cap acts: the cap, not the caller, refused it.
        using var small = await client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", token), new FormUrlEncodedContent([new("t", token)]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, small.StatusCode);
        Assert.Equal(1, app.Gateway.EffectRuns);
    }

    [Fact]
    public async Task FormPost_CallerInTheQueryButNotRepeatedInTheForm_IsRefused()
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);
        var token = app.SessionToken(view.Id, "lead");
        var other = app.SessionToken(view.Id, "slack:U_ALLOWED");
        foreach (var fields in new[] { Array.Empty<KeyValuePair<string, string>>(), [new("t", other)], [new("t", token + "x")] })
        {
            using var response = await app.Client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", token), new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var multipart = new MultipartFormDataContent { { new StringContent(token), "t" } };
        using var notUrlEncoded = await app.Client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", token), multipart, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notUrlEncoded.StatusCode);
        Assert.Equal(0, app.Gateway.EffectRuns);
    }

    [Fact]
    public async Task ReviewPage_FormActionsCarryTheCallersToken()
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);
        var token = app.SessionToken(view.Id, "lead");
        var html = await app.Client.GetStringAsync($"review/{view.Id}?t={Uri.EscapeDataString(token)}", Ct);
        Assert.Contains($"action=\"/review/{view.Id}/approve?t={Uri.EscapeDataString(token)}\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/review/{view.Id}/changes?t={Uri.EscapeDataString(token)}\"", html, StringComparison.Ordinal);
    }

    /// <summary>Sends headers announcing <paramref name="contentLength"/> bytes, then only <paramref name="start"/>; returns the status the host answers.</summary>
    private static async Task<int> StatusOfAnnouncedBodyAsync(Uri baseUrl, string path, long contentLength, string start)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + $"Content-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n{start}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.FlushAsync(Ct);

        // A generous hang limit, not a timing assertion: the old code answered (not 404) after Kestrel's data-rate check.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, limit.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        return statusLine.Split(' ') is [_, var code, ..] && int.TryParse(code, CultureInfo.InvariantCulture, out var status) ? status : -1;
    }

    private SessionView AddFinished(ServerApp app)
    {
        var result = _repo.CommitSession("r1", null, "src/Cart.cs", "namespace Shop;\n\npublic class Cart { }\n", "Tidy the cart");
        return app.Gateway.AddCompleted(
            new SessionSubmission(_repo.Remote, new CodingTask("Tidy the cart") { Title = "Tidy the cart" }, new SessionSource { Kind = "slack", Requester = "slack:U_ALLOWED" }),
            result);
    }
}
